//! The `duplicate-title` rule's test: scrapes often repeat the title as the first line of the
//! body. Only an exact copy (blank lines and surrounding or repeated spaces aside) counts; a first
//! paragraph that merely begins with the title's words is prose and stays.
//!
//! The engine removes the block; this module only compares.

/// Whether `candidate` is `title` again, ignoring whitespace differences.
pub(super) fn same_title(candidate: &str, title: &str) -> bool {
    let mut a = candidate.split_whitespace();
    let mut b = title.split_whitespace();
    let mut any = false;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return any,
            (Some(x), Some(y)) if x == y => any = true,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_copies_are_duplicates() {
        let t = "The history of Huawei and byte going to sea";
        let rows = [
            (" The history of Huawei and byte going to sea", true),
            ("The history of Huawei and byte going to sea  ", true),
            ("The  history of Huawei\nand byte going to sea", true),
            (
                "The history of Huawei and byte going to sea: a long story",
                false,
            ),
            (
                "The history of Huawei and byte going to sea. It began in 1987.",
                false,
            ),
            ("the history of huawei and byte going to sea", false),
            ("", false),
        ];
        for (candidate, want) in rows {
            assert_eq!(same_title(candidate, t), want, "{candidate}");
        }
        assert!(!same_title("", ""));
    }
}
