//! Resource limits: what a program may ask for before it gets a Python error instead of an
//! abort. Memory: an allocation the size of which the program chose (an array, a plan's
//! buffers, a repeated list or string, a padded format) is checked against the memory left
//! (`memory_left`: `MemAvailable` of `/proc/meminfo`, or `SLOPE_MEMORY_LIMIT` when set) and
//! refused with a `MemoryError` naming the size asked for. Recursion and nesting depths, the
//! size of a traced function and integer overflow are checked where they happen (the
//! interpreter's `RecursionError` at 900 frames, `syntax::lower`'s nesting limit, `max_eqns`
//! here, the interpreter's checked arithmetic).

use crate::diag::Diagnostic;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// The most equations one traced or staged function may hold (`max_eqns`; `SLOPE_MAX_EQNS`
/// overrides it): a trace that unrolls a Python loop millions of times, or nested jitted
/// calls that double it at each level, is refused with a `MemoryError` before its IR
/// exhausts memory.
pub const MAX_EQNS: usize = 2_000_000;

#[derive(Clone, Copy)]
struct Read {
    at: Instant,
    memory: u64,
    max_eqns: usize,
}

thread_local! {
    static LIMITS: Cell<Option<Read>> = const { Cell::new(None) };
}

/// A size from the environment: a number with an optional K, M or G suffix (powers of 1024).
fn env_size(name: &str) -> Option<u64> {
    let s = std::env::var(name).ok()?;
    let s = s.trim();
    let (num, mul) = match s.chars().last()?.to_ascii_uppercase() {
        'K' => (&s[..s.len() - 1], 1u64 << 10),
        'M' => (&s[..s.len() - 1], 1 << 20),
        'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim().parse::<u64>().ok().map(|n| n.saturating_mul(mul))
}

fn read_available() -> u64 {
    if let Some(n) = env_size("SLOPE_MEMORY_LIMIT") {
        return n;
    }
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("MemAvailable:") {
            if let Some(kib) = rest.split_whitespace().next().and_then(|k| k.parse::<u64>().ok()) {
                return kib.saturating_mul(1024);
            }
        }
    }
    // Unknown (not Linux): no limit beyond the fixed ones.
    u64::MAX
}

/// The limits, read again at most every 100 ms (they are asked at every bind).
fn limits() -> Read {
    LIMITS.with(|c| match c.get() {
        Some(r) if r.at.elapsed() < Duration::from_millis(100) => r,
        _ => {
            let r = Read { at: Instant::now(), memory: read_available(), max_eqns: env_size("SLOPE_MAX_EQNS").map_or(MAX_EQNS, |n| n as usize) };
            c.set(Some(r));
            r
        }
    })
}

/// Forget the limits read so far (after the environment changed: tests).
pub fn reread() {
    LIMITS.with(|c| c.set(None));
}

/// The memory left to allocate, in bytes (`SLOPE_MEMORY_LIMIT` when set, else `MemAvailable`).
pub fn memory_left() -> u64 {
    limits().memory
}

/// The most equations one traced or staged function may hold.
pub fn max_eqns() -> usize {
    limits().max_eqns
}

/// Bytes as people read them.
pub fn size_text(bytes: u128) -> String {
    let b = bytes as f64;
    if b >= (1u64 << 30) as f64 {
        format!("{:.1} GiB", b / (1u64 << 30) as f64)
    } else if b >= (1u64 << 20) as f64 {
        format!("{:.1} MiB", b / (1u64 << 20) as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// `Err` with the text of a MemoryError when `bytes` exceed the memory left.
pub fn check_bytes(bytes: u128, what: impl FnOnce() -> String) -> Result<(), String> {
    let left = memory_left() as u128;
    if bytes > left {
        return Err(format!("{} would need {}, more than the {} of memory left", what(), size_text(bytes), size_text(left)));
    }
    Ok(())
}

/// A `MemoryError` diagnostic when `bytes` exceed the memory left.
pub fn check(bytes: u128, what: impl FnOnce() -> String) -> Result<(), Diagnostic> {
    check_bytes(bytes, what).map_err(|m| Diagnostic::new("MemoryError", m).with_help("ask for less, or process the data in chunks"))
}

/// The bytes of `n` repetitions of `len` items of `item` bytes each (saturating).
pub fn repeat_bytes(len: usize, n: i64, item: usize) -> u128 {
    (len as u128).saturating_mul(n.max(0) as u128).saturating_mul(item as u128)
}

/// The prefix a backend's error string carries when it is a MemoryError (`Runtime::run_func`
/// returns strings; `Stage::sync` turns this prefix into the diagnostic's kind).
pub const MEMORY_ERROR: &str = "MemoryError: ";
/// Likewise for an interrupt that stopped a running plan.
pub const INTERRUPTED: &str = "KeyboardInterrupt: ";

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

thread_local! {
    /// The interrupt flag of the session running on this thread, which the loops of running
    /// plans (`eval::control`, `eval_func`) poll (`set_thread_interrupt`).
    static INTERRUPT: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// A new session's interrupt flag, registered as this thread's (the last session made on a
/// thread is the one its running plans answer to).
pub fn new_interrupt_flag() -> Arc<AtomicBool> {
    let f = Arc::new(AtomicBool::new(false));
    INTERRUPT.with(|c| *c.borrow_mut() = Some(f.clone()));
    f
}

/// Make `flag` this thread's interrupt flag: a session does when it runs a cell, so that of two
/// sessions made on one thread each one's running plans answer to its own flag.
pub fn set_thread_interrupt(flag: &Arc<AtomicBool>) {
    INTERRUPT.with(|c| {
        let mut c = c.borrow_mut();
        if !c.as_ref().is_some_and(|f| Arc::ptr_eq(f, flag)) {
            *c = Some(flag.clone());
        }
    });
}

/// `Err` (with the `INTERRUPTED` prefix) once after the session was interrupted.
pub fn check_interrupt() -> Result<(), String> {
    check_interrupt_in("running a compiled loop")
}

/// As `check_interrupt`, with what was running for the message ("running a kernel").
pub fn check_interrupt_in(what: &str) -> Result<(), String> {
    INTERRUPT.with(|c| match &*c.borrow() {
        Some(f) if f.load(Ordering::Relaxed) && f.swap(false, Ordering::SeqCst) => Err(format!("{INTERRUPTED}interrupted while {what}")),
        _ => Ok(()),
    })
}

/// The interrupt flag of the session running on this thread, for work it hands to other
/// threads (a kernel's pieces on rayon's pool), which read it without consuming it; the
/// session's thread then reports the interrupt with `check_interrupt_in`.
pub fn thread_interrupt() -> Option<Arc<AtomicBool>> {
    INTERRUPT.with(|c| c.borrow().clone())
}
