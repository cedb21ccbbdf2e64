//! A team of long-lived helper threads for the pieces of one matrix product (or of a few
//! independent products) on the cpu device: the calling thread posts a job of `n` pieces, takes
//! pieces itself, and waits only for pieces a helper has claimed and is computing, never for a
//! helper that has not started (on a shared machine a helper may get its core late; the caller
//! then does every piece). A helper looks for the next job for `SPIN` after its last piece before
//! it sleeps, so the products of one step (a few microseconds apart, the fused kernels between
//! them) reach a helper that is awake: no thread is woken, and none put to sleep, per product
//! (`gemm`'s own threading, through rayon, woke a worker and then put the caller to sleep on a
//! futex for every product, a fifth of the time of an MLP step).
//!
//! This module owns only the threads; `dot` decides what a piece is.

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a helper keeps looking for a job after its last piece before it sleeps
/// (`SLOPE_CPU_TEAM_SPIN_US` overrides).
fn spin() -> Duration {
    static SPIN: OnceLock<Duration> = OnceLock::new();
    *SPIN.get_or_init(|| Duration::from_micros(std::env::var("SLOPE_CPU_TEAM_SPIN_US").ok().and_then(|v| v.parse().ok()).unwrap_or(300)))
}

/// A job: pieces `0..n` of `f`, claimed in order by whoever comes.
struct Job {
    /// The caller's closure, which lives on its stack until every claimed piece is done; only
    /// a thread that claimed a piece (`next` below `n`) calls it, and the caller returns only
    /// when `done` reaches `n`.
    f: *const (dyn Fn(usize) + Sync + 'static),
    n: usize,
    next: AtomicUsize,
    done: AtomicUsize,
    /// A piece panicked on a helper.
    failed: AtomicBool,
}

// SAFETY: `f` is Sync (it is called from several threads at once) and is only dereferenced while
// the caller waits for the job (see `Job::f`); the rest are atomics.
unsafe impl Send for Job {}
unsafe impl Sync for Job {}

impl Job {
    /// Claim pieces and run them until none is left; a piece that panics still counts as done
    /// (so that nobody waits for it), and the first panic's payload comes back.
    fn work(&self) -> Option<Box<dyn std::any::Any + Send>> {
        let mut panicked = None;
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            if i >= self.n {
                return panicked;
            }
            // SAFETY: piece i is claimed and not done, so the caller is still waiting and `f`
            // is alive.
            let f = unsafe { &*self.f };
            if let Err(p) = catch_unwind(AssertUnwindSafe(|| f(i))) {
                self.failed.store(true, Ordering::Relaxed);
                panicked.get_or_insert(p);
            }
            self.done.fetch_add(1, Ordering::Release);
        }
    }
}

struct Slot {
    job: Option<Arc<Job>>,
    sleepers: usize,
}

struct Shared {
    /// Bumped (under `slot`'s lock) for every job posted.
    generation: AtomicU64,
    slot: Mutex<Slot>,
    wake: Condvar,
}

/// The helpers (one fewer than rayon's threads, one per core): None on one core, and where
/// `SLOPE_CPU_TEAM=0` (products then use gemm's threads and kernels rayon's, as before the team).
fn team() -> Option<&'static Shared> {
    static TEAM: OnceLock<Option<Arc<Shared>>> = OnceLock::new();
    TEAM.get_or_init(|| {
        let helpers = rayon::current_num_threads().saturating_sub(1);
        if helpers == 0 || std::env::var("SLOPE_CPU_TEAM").is_ok_and(|v| v == "0") {
            return None;
        }
        let shared = Arc::new(Shared { generation: AtomicU64::new(0), slot: Mutex::new(Slot { job: None, sleepers: 0 }), wake: Condvar::new() });
        for i in 0..helpers {
            let s = shared.clone();
            if std::thread::Builder::new().name(format!("slope-dot-{i}")).spawn(move || helper(&s)).is_err() {
                return None;
            }
        }
        Some(shared)
    })
    .as_deref()
}

/// Threads that take pieces of a job: the caller and its helpers.
pub fn threads() -> usize {
    team().map_or(1, |_| rayon::current_num_threads())
}

fn helper(s: &Shared) {
    let spin = spin();
    let mut seen = s.generation.load(Ordering::Acquire);
    let mut last = Instant::now();
    let mut spins = 0u32;
    loop {
        let g = s.generation.load(Ordering::Acquire);
        if g != seen {
            seen = g;
            let job = s.slot.lock().map(|l| l.job.clone()).unwrap_or(None);
            if let Some(j) = job {
                let _ = j.work();
            }
            last = Instant::now();
            spins = 0;
            continue;
        }
        spins += 1;
        if !spins.is_multiple_of(64) || last.elapsed() < spin {
            std::hint::spin_loop();
            continue;
        }
        let Ok(mut l) = s.slot.lock() else { return };
        if s.generation.load(Ordering::Acquire) == seen {
            l.sleepers += 1;
            while s.generation.load(Ordering::Acquire) == seen {
                l = match s.wake.wait(l) {
                    Ok(l) => l,
                    Err(_) => return,
                };
            }
            l.sleepers -= 1;
        }
        drop(l);
        spins = 0;
    }
}

/// Run `f(0)`, …, `f(n - 1)`, each once, on this thread and the helpers, and return when all
/// are done. False when a piece panicked on a helper (a panic of the caller's own pieces
/// propagates, once every piece is done).
pub fn run(n: usize, f: &(dyn Fn(usize) + Sync)) -> bool {
    let Some(s) = team().filter(|_| n > 1) else {
        // Every piece runs, as on the team, before a panic comes back.
        let mut first = None;
        for i in 0..n {
            if let Err(p) = catch_unwind(AssertUnwindSafe(|| f(i))) {
                first.get_or_insert(p);
            }
        }
        if let Some(p) = first {
            resume_unwind(p);
        }
        return true;
    };
    // SAFETY: only the lifetime is erased; `Job::f` says why the closure outlives its uses.
    let fp: *const (dyn Fn(usize) + Sync + 'static) = unsafe { std::mem::transmute::<*const (dyn Fn(usize) + Sync + '_), _>(f as *const _) };
    let job = Arc::new(Job { f: fp, n, next: AtomicUsize::new(0), done: AtomicUsize::new(0), failed: AtomicBool::new(false) });
    if let Ok(mut l) = s.slot.lock() {
        l.job = Some(job.clone());
        s.generation.fetch_add(1, Ordering::Release);
        if l.sleepers > 0 {
            s.wake.notify_all();
        }
    }
    let mine = job.work();
    // Every piece is claimed; those the helpers claimed are running now, on a thread that got
    // its core.
    wait_and_retire(s, &job, n);
    if let Some(p) = mine {
        resume_unwind(p);
    }
    !job.failed.load(Ordering::Relaxed)
}

/// Wait (spinning, then yielding) until all `n` pieces of `job` are done, then take the job
/// out of the team's slot if it is still there.
fn wait_and_retire(s: &Shared, job: &Arc<Job>, n: usize) {
    let mut spins = 0u32;
    while job.done.load(Ordering::Acquire) < n {
        spins += 1;
        if spins < 1 << 12 {
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
    if let Ok(mut l) = s.slot.lock() {
        if l.job.as_ref().is_some_and(|j| Arc::ptr_eq(j, job)) {
            l.job = None;
        }
    }
}

/// Run `main` on this thread while a helper runs `side` (once) beside it, and return `main`'s
/// result once `side` is done: where no helper has taken `side` when `main` returns, this
/// thread runs it (a loop reading rows that `side` computes ahead of it, `dot::RowBlocks`,
/// computes missing rows itself, so `side` then finds nothing left).
pub fn alongside<R>(side: &(dyn Fn() + Sync), main: impl FnOnce() -> R) -> R {
    let Some(s) = team() else {
        let r = main();
        side();
        return r;
    };
    let piece = |_: usize| side();
    let f: &(dyn Fn(usize) + Sync) = &piece;
    // SAFETY: as in `run`: the closure lives until the job's one piece is done, which this
    // function waits for before it returns (also when `main` panics).
    let fp: *const (dyn Fn(usize) + Sync + 'static) = unsafe { std::mem::transmute::<*const (dyn Fn(usize) + Sync + '_), _>(f as *const _) };
    let job = Arc::new(Job { f: fp, n: 1, next: AtomicUsize::new(0), done: AtomicUsize::new(0), failed: AtomicBool::new(false) });
    if let Ok(mut l) = s.slot.lock() {
        l.job = Some(job.clone());
        s.generation.fetch_add(1, Ordering::Release);
        if l.sleepers > 0 {
            s.wake.notify_all();
        }
    }
    let r = catch_unwind(AssertUnwindSafe(main));
    let mine = job.work();
    wait_and_retire(s, &job, 1);
    match (r, mine) {
        (Err(p), _) | (Ok(_), Some(p)) => resume_unwind(p),
        (Ok(r), None) => r,
    }
}
