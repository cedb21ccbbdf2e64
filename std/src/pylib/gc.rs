//! `gc`: the cycle collector's switches (`collect`, `enable`, `disable`, `isenabled`,
//! `get_count`), over `lang::native::gc`.

use super::{module, Entry};
use lang::native::{gc, Builtin, Interp, Kwargs, Result, Value};
use std::rc::Rc;

fn call(_it: &mut Interp, b: &Builtin, _args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    Ok(match b.name.as_ref() {
        "collect" => Value::Int(gc::collect() as i64),
        "enable" => {
            gc::set_enabled(true);
            Value::None
        }
        "disable" => {
            gc::set_enabled(false);
            Value::None
        }
        "isenabled" => Value::Bool(gc::enabled()),
        _ => Value::tuple(vec![Value::Int(gc::tracked_count() as i64), Value::Int(0), Value::Int(0)]),
    })
}

const FNS: &[Entry] = &[
    ("collect", call, "collect(generation=2)\nFree the objects only reference cycles keep alive (micrograd's values, trees with parent links); returns how many there were."),
    ("enable", call, "enable()\nCollect cycles automatically (the default)."),
    ("disable", call, "disable()\nStop collecting cycles automatically; gc.collect() still works."),
    ("isenabled", call, "isenabled()\nWhether cycles are collected automatically."),
    ("get_count", call, "get_count()\nHow many objects the collector tracks now, as a tuple (count, 0, 0)."),
];

pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("gc", FNS))))
}
