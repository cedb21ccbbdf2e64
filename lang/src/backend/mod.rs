//! Backends: what runs a staged `Func` (DESIGN.md §4). `eval` is the reference; `cpu` fuses the
//! function into kernels (`fuse`) and compiles them with Cranelift. The device is chosen without
//! user code: the CPU JIT by default, `SLOPE_DEVICE=eval|cpu` (or `set_device`) overrides it.
//!
//! This module owns the `Backend` trait, the device choice and the one entry point the
//! interpreter calls (`run_func`). It must not look inside `Func`s (that is `fuse`'s job) nor
//! touch interpreter state.

pub mod cpu;
pub mod eval;

use crate::array::HostArray;
use crate::ir::Func;
use std::cell::{Cell, RefCell};

/// What a device does with a staged function.
pub trait Backend {
    /// The device's name, as `SLOPE_DEVICE` spells it.
    fn name(&self) -> &'static str;
    /// Run `func` on `args` (one per parameter); one array per output.
    fn run(&mut self, func: &Func, args: &[HostArray]) -> Result<Vec<HostArray>, String>;
    /// What the last runs compiled and ran, for `%kernels`.
    fn report(&self) -> String;
}

/// The devices this build has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Eval,
    Cpu,
}

impl Device {
    pub fn name(self) -> &'static str {
        match self {
            Device::Eval => "eval",
            Device::Cpu => "cpu",
        }
    }
    pub fn from_name(s: &str) -> Option<Device> {
        match s {
            "eval" => Some(Device::Eval),
            "cpu" => Some(Device::Cpu),
            _ => None,
        }
    }
}

thread_local! {
    static DEVICE: Cell<Option<Device>> = const { Cell::new(None) };
    static CPU: RefCell<Option<cpu::Cpu>> = const { RefCell::new(None) };
}

/// The current device: the one `set_device` chose, else `SLOPE_DEVICE`, else the CPU JIT.
pub fn device() -> Device {
    DEVICE.with(|d| match d.get() {
        Some(x) => x,
        None => {
            let x = std::env::var("SLOPE_DEVICE").ok().and_then(|s| Device::from_name(s.trim())).unwrap_or(Device::Cpu);
            d.set(Some(x));
            x
        }
    })
}

/// Choose the device for this thread's later runs.
pub fn set_device(dev: Device) {
    DEVICE.with(|d| d.set(Some(dev)));
}

/// Run `func` on the current device (through `transform::legalize` when it uses a dtype the
/// devices lack: int8, int16, uint8, uint16, uint32, uint64, float16).
pub fn run_func(func: &Func, args: &[HostArray]) -> Result<Vec<HostArray>, String> {
    if crate::transform::legalize::needed(func) {
        return crate::transform::legalize::run(func, args, run_func);
    }
    let r = match device() {
        Device::Eval => eval::Eval.run(func, args),
        Device::Cpu => with_cpu(|c| c.run(func, args)),
    };
    if let Ok(outs) = &r {
        // The ONNX exporter's test hook (SLOPE_ONNX_COLLECT); nothing when unset.
        crate::export::onnx::collect(func, args, outs);
    }
    r
}

/// The CPU backend's report of what it compiled and ran (`%kernels`).
pub fn kernels_report() -> String {
    match device() {
        Device::Eval => eval::Eval.report(),
        Device::Cpu => with_cpu(|c| c.report()),
    }
}

fn with_cpu<T>(f: impl FnOnce(&mut cpu::Cpu) -> T) -> T {
    CPU.with(|c| {
        let mut c = c.borrow_mut();
        let cpu = c.get_or_insert_with(cpu::Cpu::new);
        f(cpu)
    })
}
