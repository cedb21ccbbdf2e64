//! `time`: clocks (`time`, `time_ns`, `perf_counter`, `perf_counter_ns`, `monotonic`,
//! `monotonic_ns`, `process_time`), `sleep`, and calendar time through the C library as CPython
//! does (`gmtime`, `localtime`, `mktime`, `strftime`). A `struct_time` is a plain 9-tuple
//! `(year, month, day, hour, minute, second, weekday, yearday, isdst)` here: indexing and
//! unpacking work, the `tm_*` attribute names do not.

use super::{err, index, module, nargs, no_kw, real, string, Entry};
use lang::native::{Builtin, Interp, Kwargs, Result, Value};
use std::rc::Rc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn since_epoch() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

fn clock(kind: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for clock_gettime to fill.
    let ok = unsafe { libc::clock_gettime(kind, &mut ts) } == 0;
    if ok {
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    } else {
        thread_local! { static START: Instant = Instant::now(); }
        START.with(|s| s.elapsed())
    }
}

fn clocks(_it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, &b.name)?;
    nargs(&args, 0, 0, &b.name)?;
    Ok(match b.name.as_ref() {
        "time" => Value::Float(since_epoch().as_secs_f64()),
        "time_ns" => Value::Int(since_epoch().as_nanos() as i64),
        "perf_counter" | "monotonic" => Value::Float(clock(libc::CLOCK_MONOTONIC).as_secs_f64()),
        "perf_counter_ns" | "monotonic_ns" => Value::Int(clock(libc::CLOCK_MONOTONIC).as_nanos() as i64),
        _ => Value::Float(clock(libc::CLOCK_PROCESS_CPUTIME_ID).as_secs_f64()),
    })
}

fn sleep(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "sleep")?;
    nargs(&args, 1, 1, "sleep")?;
    let s = real(it, &args[0])?;
    if s.is_nan() {
        return Err(err("ValueError", "Invalid value NaN (not a number)").with_help("pass a number of seconds"));
    }
    if s < 0.0 {
        return Err(err("ValueError", "sleep length must be non-negative").with_help("pass a number of seconds >= 0"));
    }
    // Sleep in slices so that an interrupt (Ctrl-C, Jupyter's stop) ends the wait.
    let end = Instant::now() + Duration::from_secs_f64(s.min(1e9));
    while Instant::now() < end {
        if it.take_interrupt() {
            return Err(err("KeyboardInterrupt", "interrupted").with_help("the sleep was interrupted"));
        }
        std::thread::sleep((end - Instant::now()).min(Duration::from_millis(50)));
    }
    Ok(Value::None)
}

fn tm_to_tuple(tm: &libc::tm) -> Value {
    Value::tuple(
        [tm.tm_year as i64 + 1900, tm.tm_mon as i64 + 1, tm.tm_mday as i64, tm.tm_hour as i64, tm.tm_min as i64, tm.tm_sec as i64, (tm.tm_wday as i64 + 6) % 7, tm.tm_yday as i64 + 1, tm.tm_isdst as i64]
            .into_iter()
            .map(Value::Int)
            .collect(),
    )
}

fn tuple_to_tm(it: &mut Interp, v: &Value, f: &str) -> Result<libc::tm> {
    let items = match v {
        Value::Tuple(t) if t.len() == 9 => t.to_vec(),
        Value::List(l) if l.borrow().len() == 9 => l.borrow().clone(),
        other => return Err(err("TypeError", format!("{f}(): illegal time tuple argument ({})", other.type_name())).with_help("pass a 9-tuple as gmtime() or localtime() return")),
    };
    let mut n = [0i64; 9];
    for (x, v) in n.iter_mut().zip(&items) {
        *x = index(it, v)?;
    }
    // SAFETY: tm is a plain C struct; all-zero is a valid value (tm_zone null).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    Ok(tm)
}

/// The seconds argument of gmtime/localtime (now when absent or None).
fn secs_arg(it: &mut Interp, args: &[Value]) -> Result<libc::time_t> {
    match args.first() {
        None | Some(Value::None) => Ok(since_epoch().as_secs() as libc::time_t),
        Some(v) => {
            let s = real(it, v)?;
            if !s.is_finite() {
                return Err(err("OverflowError", "timestamp out of range for platform time_t").with_help("pass a finite number of seconds"));
            }
            Ok(s.floor() as libc::time_t)
        }
    }
}

fn broken_down(it: &mut Interp, b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, &b.name)?;
    nargs(&args, 0, 1, &b.name)?;
    let t = secs_arg(it, &args)?;
    // SAFETY: tm is filled by gmtime_r/localtime_r from a valid time_t.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe {
        if b.name.as_ref() == "gmtime" {
            !libc::gmtime_r(&t, &mut tm).is_null()
        } else {
            !libc::localtime_r(&t, &mut tm).is_null()
        }
    };
    if !ok {
        return Err(err("OverflowError", "timestamp out of range for platform time_t").with_help("pass a smaller number of seconds"));
    }
    Ok(tm_to_tuple(&tm))
}

fn mktime(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "mktime")?;
    nargs(&args, 1, 1, "mktime")?;
    let mut tm = tuple_to_tm(it, &args[0], "mktime")?;
    // SAFETY: tm is a valid struct tm.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 {
        return Err(err("OverflowError", "mktime argument out of range").with_help("pass a time tuple of a representable date"));
    }
    Ok(Value::Float(t as f64))
}

fn strftime(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "strftime")?;
    nargs(&args, 1, 2, "strftime")?;
    let fmt = string(&args[0], "strftime() argument 1")?;
    let tm = match args.get(1) {
        Some(v) => tuple_to_tm(it, v, "strftime")?,
        None => {
            let t = since_epoch().as_secs() as libc::time_t;
            // SAFETY: as in localtime.
            let mut tm: libc::tm = unsafe { std::mem::zeroed() };
            unsafe { libc::localtime_r(&t, &mut tm) };
            tm
        }
    };
    if fmt.contains('\0') {
        return Err(err("ValueError", "embedded null character").with_help("remove the NUL from the format"));
    }
    let cfmt = std::ffi::CString::new(fmt.clone()).map_err(|_| err("ValueError", "embedded null character"))?;
    // As CPython: grow the buffer while the result is empty, up to 256 bytes per format byte
    // (an empty result can also be a correct one, as for "%p" in some locales).
    let mut size = 1024;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: buf has `size` bytes; cfmt is NUL-terminated; tm is a valid struct tm.
        let n = unsafe { libc::strftime(buf.as_mut_ptr() as *mut libc::c_char, size, cfmt.as_ptr(), &tm) };
        if n > 0 || size >= 256 * fmt.len() {
            buf.truncate(n);
            return Ok(Value::str(&String::from_utf8_lossy(&buf)));
        }
        size += size;
    }
}

const FNS: &[Entry] = &[
    ("time", clocks, "time(): the seconds since the Unix epoch, as a float."),
    ("time_ns", clocks, "time_ns(): the nanoseconds since the Unix epoch, as an int."),
    ("perf_counter", clocks, "perf_counter(): a monotonic clock of the highest resolution, in seconds (for timing code)."),
    ("perf_counter_ns", clocks, "perf_counter_ns(): perf_counter() in nanoseconds, as an int."),
    ("monotonic", clocks, "monotonic(): a clock that never goes back, in seconds."),
    ("monotonic_ns", clocks, "monotonic_ns(): monotonic() in nanoseconds, as an int."),
    ("process_time", clocks, "process_time(): the CPU time of this process, in seconds."),
    ("sleep", sleep, "sleep(secs): wait secs seconds (a float); Ctrl-C ends the wait."),
    ("gmtime", broken_down, "gmtime(secs=None): the UTC time of secs (now by default) as a 9-tuple (year, month, day, hour, min, sec, wday, yday, isdst)."),
    ("localtime", broken_down, "localtime(secs=None): the local time of secs (now by default) as a 9-tuple like gmtime's."),
    ("mktime", mktime, "mktime(t): the seconds since the epoch of the local time tuple t (the inverse of localtime)."),
    ("strftime", strftime, "strftime(format, t=None): the time tuple t (local now by default) formatted by the C library's strftime (%Y-%m-%d %H:%M:%S, …)."),
];

/// The module `time`.
pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("time", FNS))))
}
