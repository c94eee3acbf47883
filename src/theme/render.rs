//! Rendering under limits. tera 2 stops a component that calls itself after 20 levels, a
//! `range` of more than 100,000 numbers and an include cycle, but nothing stops loops nested
//! in one another (three `range(end=100000)` are 10^15 turns), a component that calls itself
//! three times at each of its 20 levels, or a loop that writes without end. So every page is
//! rendered on a thread of a small pool, into a buffer that refuses to grow past
//! `render.max_page_mb`, while the caller waits at most `render.timeout`.
//!
//! A render that runs out of time cannot be stopped from outside: tera has no cancellation.
//! The caller reports the error and the build fails cleanly; the render's next write fails,
//! which ends it, and one that never writes again keeps its thread busy until folio exits.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use tera::{Context, Tera};

use crate::config::RenderLimits;

/// Stack of a render thread: deep enough for tera's 20 levels of components with room to spare.
const RENDER_STACK: usize = 16 << 20;

/// Why a render gave no page.
pub(super) enum Failure {
    /// tera reported an error (syntax, missing variable, component recursion…).
    Template(tera::Error),
    /// Still running when the time limit passed.
    TimedOut,
    /// The page grew past the size limit.
    TooLarge,
    /// The render thread could not start, or died.
    Thread(String),
}

/// One page to render and where to send it.
struct Job {
    tera: Arc<Tera>,
    template: String,
    context: Context,
    max_bytes: usize,
    cancel: Arc<AtomicBool>,
    reply: mpsc::SyncSender<Result<Vec<u8>, Failure>>,
}

/// The render threads. Each render claims an idle thread (or starts one) before it sends its
/// job, so a job never waits for a thread and its time limit counts render time only.
pub(super) struct Renderer {
    tera: Arc<Tera>,
    limits: RenderLimits,
    jobs: mpsc::Sender<Job>,
    queue: Arc<Mutex<mpsc::Receiver<Job>>>,
    idle: Arc<AtomicUsize>,
}

impl Renderer {
    pub(super) fn new(tera: Tera, limits: RenderLimits) -> Renderer {
        let (jobs, queue) = mpsc::channel();
        Renderer {
            tera: Arc::new(tera),
            limits,
            jobs,
            queue: Arc::new(Mutex::new(queue)),
            idle: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub(super) fn limits(&self) -> RenderLimits {
        self.limits
    }

    /// Renders `template` with `context` within the limits.
    pub(super) fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Failure> {
        self.claim_thread()?;
        let cancel = Arc::new(AtomicBool::new(false));
        let (reply, result) = mpsc::sync_channel(1);
        let job = Job {
            tera: Arc::clone(&self.tera),
            template: template.to_string(),
            // Cheap: a context's lists and maps are shared, not copied.
            context: context.clone(),
            max_bytes: self.limits.max_page_bytes,
            cancel: Arc::clone(&cancel),
            reply,
        };
        self.jobs
            .send(job)
            .map_err(|_| Failure::Thread("the render threads are gone".to_string()))?;
        match result.recv_timeout(self.limits.timeout) {
            Ok(outcome) => outcome,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                cancel.store(true, Ordering::Relaxed);
                Err(Failure::TimedOut)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Thread(
                "the render thread stopped without a result".to_string(),
            )),
        }
    }

    /// Takes an idle thread for the next job, starting one when none is idle.
    fn claim_thread(&self) -> Result<(), Failure> {
        let claimed = self
            .idle
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_ok();
        if claimed {
            return Ok(());
        }
        let queue = Arc::clone(&self.queue);
        let idle = Arc::clone(&self.idle);
        std::thread::Builder::new()
            .name("folio-render".to_string())
            .stack_size(RENDER_STACK)
            .spawn(move || serve_jobs(&queue, &idle))
            .map(drop)
            .map_err(|e| Failure::Thread(format!("cannot start a render thread: {e}")))
    }
}

/// A render thread's life: take a job, render it, reply, be idle again. It ends when the
/// [`Renderer`] (and so the job sender) is dropped.
fn serve_jobs(queue: &Mutex<mpsc::Receiver<Job>>, idle: &AtomicUsize) {
    loop {
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { return };
        let mut page = PageWriter {
            bytes: Vec::new(),
            max: job.max_bytes,
            cancel: &job.cancel,
            too_large: false,
        };
        let outcome = match job.tera.render_to(&job.template, &job.context, &mut page) {
            Ok(()) => Ok(page.bytes),
            Err(_) if page.too_large => Err(Failure::TooLarge),
            Err(e) => Err(Failure::Template(e)),
        };
        // Idle before the reply: the caller's next render must find this thread free, not
        // start another one because the reply arrived first.
        idle.fetch_add(1, Ordering::AcqRel);
        let _ = job.reply.send(outcome);
    }
}

/// The page being rendered: refuses to grow past `max` bytes, and fails every write once the
/// caller gave up waiting, which ends a render that ran out of time as soon as it writes.
struct PageWriter<'a> {
    bytes: Vec<u8>,
    max: usize,
    cancel: &'a AtomicBool,
    too_large: bool,
}

impl Write for PageWriter<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the render ran out of time"));
        }
        if self.bytes.len() + data.len() > self.max {
            self.too_large = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn renderer(template: &str, limits: RenderLimits) -> Renderer {
        let mut tera = Tera::default();
        tera.add_raw_template("t", template).unwrap();
        Renderer::new(tera, limits)
    }

    fn limits(millis: u64, max_page_bytes: usize) -> RenderLimits {
        RenderLimits {
            timeout: Duration::from_millis(millis),
            max_page_bytes,
        }
    }

    #[test]
    fn pages_render_and_threads_are_reused() {
        let r = renderer("{{ x }}!", limits(10_000, 100));
        for i in 0..50 {
            let mut c = Context::new();
            c.insert("x", &i);
            let page = r.render("t", &c).unwrap_or_else(|_| panic!("render {i}"));
            assert_eq!(page, format!("{i}!").as_bytes());
        }
        assert_eq!(
            r.idle.load(Ordering::Acquire),
            1,
            "one thread served every page"
        );
    }

    #[test]
    fn a_loop_without_end_is_given_up_on_in_time() {
        let forever = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}";
        let r = renderer(forever, limits(300, 1 << 20));
        let started = Instant::now();
        assert!(matches!(
            r.render("t", &Context::new()),
            Err(Failure::TimedOut)
        ));
        assert!(started.elapsed() < Duration::from_secs(5));
        // The next render is not held up by the stuck thread.
        let r2 = renderer("ok", limits(10_000, 100));
        assert_eq!(r2.render("t", &Context::new()).ok().unwrap(), b"ok");
    }

    #[test]
    fn a_page_that_grows_without_end_stops_at_the_size_limit() {
        let r = renderer(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
            limits(60_000, 1 << 20),
        );
        assert!(matches!(
            r.render("t", &Context::new()),
            Err(Failure::TooLarge)
        ));
    }

    #[test]
    fn a_writing_render_that_timed_out_ends_and_frees_its_thread() {
        let r = renderer(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}",
            limits(200, usize::MAX),
        );
        assert!(matches!(
            r.render("t", &Context::new()),
            Err(Failure::TimedOut)
        ));
        // Its next write fails; the thread replies to no one and becomes idle again.
        let deadline = Instant::now() + Duration::from_secs(10);
        while r.idle.load(Ordering::Acquire) == 0 {
            assert!(
                Instant::now() < deadline,
                "the cancelled render did not end"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
