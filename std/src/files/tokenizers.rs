//! `_tokenizers`: Hugging Face's `tokenizers` crate (the Rust core of the Python package of the
//! same name), under `slope.tokenizers` (`std/py/slope_tokenizers.py`, which has the Python
//! package's classes and names). A tokenizer lives in a per-thread table and the Slope object
//! holds its index; an encoding comes back as plain lists, as the Python package's
//! `Encoding` attributes are.

use super::path_of;
use crate::pylib::{err, index, nargs, no_kw, Entry};
use lang::native::{Builtin, Diagnostic, Dict, Interp, Kwargs, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;
use std::str::FromStr;
use tokenizers::{EncodeInput, Encoding, PaddingDirection, PaddingParams, PaddingStrategy, Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

thread_local! {
    static TABLE: RefCell<Vec<Tokenizer>> = const { RefCell::new(Vec::new()) };
}

fn tk_error(e: impl std::fmt::Display) -> Diagnostic {
    err("Exception", e.to_string()).with_help("see the tokenizer's configuration (tokenizer.json)")
}

fn add(t: Tokenizer) -> Value {
    TABLE.with(|tb| {
        let mut tb = tb.borrow_mut();
        tb.push(t);
        Value::Int(tb.len() as i64 - 1)
    })
}

fn with<R>(it: &mut Interp, h: &Value, f: impl FnOnce(&mut Tokenizer) -> Result<R>) -> Result<R> {
    let i = index(it, h)?;
    TABLE.with(|tb| {
        let mut tb = tb.borrow_mut();
        let t = tb.get_mut(i as usize).ok_or_else(|| err("ValueError", "no such tokenizer"))?;
        f(t)
    })
}

fn from_file(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "from_file")?;
    nargs(&args, 1, 1, "from_file")?;
    let path = path_of(&args[0], "from_file")?;
    let text = std::fs::read_to_string(&path).map_err(|e| super::read_error(&e, &path))?;
    let t = Tokenizer::from_str(&text).map_err(|e| super::format_error(&path, "tokenizer.json", &e.to_string()))?;
    Ok(add(t))
}

fn from_str(_it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "from_str")?;
    nargs(&args, 1, 1, "from_str")?;
    let Value::Str(s) = &args[0] else {
        return Err(err("TypeError", "from_str() expects the tokenizer's JSON as a str"));
    };
    let t = Tokenizer::from_str(s).map_err(|e| err("Exception", format!("cannot read the tokenizer: {e}")).with_help("pass the text of a tokenizer.json"))?;
    Ok(add(t))
}

fn ints<T: Copy + Into<i64>>(v: &[T]) -> Value {
    Value::list(v.iter().map(|&x| Value::Int(x.into())).collect())
}

/// (ids, type_ids, tokens, offsets, attention_mask, special_tokens_mask, word_ids).
fn encoding_value(e: &Encoding) -> Value {
    let tokens = Value::list(e.get_tokens().iter().map(|t| Value::str(t)).collect());
    let offsets = Value::list(e.get_offsets().iter().map(|&(a, b)| Value::tuple(vec![Value::Int(a as i64), Value::Int(b as i64)])).collect());
    let words = Value::list(e.get_word_ids().iter().map(|w| w.map_or(Value::None, |w| Value::Int(w as i64))).collect());
    Value::tuple(vec![ints(e.get_ids()), ints(e.get_type_ids()), tokens, offsets, ints(e.get_attention_mask()), ints(e.get_special_tokens_mask()), words])
}

fn input_of(v: &Value) -> Result<EncodeInput<'static>> {
    match v {
        Value::Str(s) => Ok(EncodeInput::from(s.to_string())),
        Value::Tuple(t) if t.len() == 2 => match (&t[0], &t[1]) {
            (Value::Str(a), Value::Str(b)) => Ok(EncodeInput::from((a.to_string(), b.to_string()))),
            _ => Err(err("TypeError", "a pair of sequences must be two str").with_help("pass (first, second)")),
        },
        other => Err(err("TypeError", format!("TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]], not {}", other.type_name())).with_help("pass a str or a pair of str")),
    }
}

/// `encode(h, sequence, pair, add_special_tokens)`.
fn encode(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "encode")?;
    nargs(&args, 4, 4, "encode")?;
    let input = match (&args[1], &args[2]) {
        (Value::Str(a), Value::None) => EncodeInput::from(a.to_string()),
        (Value::Str(a), Value::Str(b)) => EncodeInput::from((a.to_string(), b.to_string())),
        (a, b) => return Err(err("TypeError", format!("encode() expects str sequences, not {} and {}", a.type_name(), b.type_name())).with_help("pass a str (and optionally a second str as pair)")),
    };
    let special = it.truthy(&args[3])?;
    with(it, &args[0], |t| Ok(encoding_value(&t.encode_char_offsets(input, special).map_err(tk_error)?)))
}

/// `encode_batch(h, inputs, add_special_tokens)`.
fn encode_batch(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "encode_batch")?;
    nargs(&args, 3, 3, "encode_batch")?;
    let items = it.iterate(&args[1])?;
    let inputs = items.iter().map(input_of).collect::<Result<Vec<_>>>()?;
    let special = it.truthy(&args[2])?;
    with(it, &args[0], |t| {
        let encs = t.encode_batch_char_offsets(inputs, special).map_err(tk_error)?;
        Ok(Value::list(encs.iter().map(encoding_value).collect()))
    })
}

fn decode(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "decode")?;
    nargs(&args, 3, 3, "decode")?;
    let ids = it.iterate(&args[1])?.iter().map(|v| index(it, v).map(|i| i as u32)).collect::<Result<Vec<u32>>>()?;
    let skip = it.truthy(&args[2])?;
    with(it, &args[0], |t| Ok(Value::str(&t.decode(&ids, skip).map_err(tk_error)?)))
}

fn opt_usize(it: &mut Interp, v: &Value) -> Result<Option<usize>> {
    match v {
        Value::None => Ok(None),
        v => Ok(Some(index(it, v)?.max(0) as usize)),
    }
}

/// `set_padding(h, None | (direction, pad_id, pad_type_id, pad_token, length, pad_to_multiple_of))`.
fn set_padding(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "set_padding")?;
    nargs(&args, 2, 2, "set_padding")?;
    let params = match &args[1] {
        Value::None => None,
        Value::Tuple(p) if p.len() == 6 => {
            let direction = match &p[0] {
                Value::Str(s) if s.as_ref() == "right" => PaddingDirection::Right,
                Value::Str(s) if s.as_ref() == "left" => PaddingDirection::Left,
                _ => return Err(err("ValueError", "direction must be 'left' or 'right'")),
            };
            let pad_token = match &p[3] {
                Value::Str(s) => s.to_string(),
                _ => return Err(err("TypeError", "pad_token must be a str")),
            };
            let strategy = match opt_usize(it, &p[4])? {
                Some(n) => PaddingStrategy::Fixed(n),
                None => PaddingStrategy::BatchLongest,
            };
            Some(PaddingParams { strategy, direction, pad_to_multiple_of: opt_usize(it, &p[5])?, pad_id: index(it, &p[1])? as u32, pad_type_id: index(it, &p[2])? as u32, pad_token })
        }
        _ => return Err(err("TypeError", "set_padding: bad parameters")),
    };
    with(it, &args[0], |t| {
        t.with_padding(params);
        Ok(Value::None)
    })
}

fn dict_of(items: Vec<(&str, Value)>) -> Result<Value> {
    let mut d = Dict::default();
    for (k, v) in items {
        let kv = Value::str(k);
        let key = kv.key()?;
        d.insert(kv, key, v);
    }
    Ok(Value::dict(d))
}

/// `get_padding(h)`: None or the Python package's dict.
fn get_padding(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 1, "get_padding")?;
    let p = with(it, &args[0], |t| Ok(t.get_padding().cloned()))?;
    let Some(p) = p else { return Ok(Value::None) };
    dict_of(vec![
        ("length", match p.strategy {
            PaddingStrategy::Fixed(n) => Value::Int(n as i64),
            PaddingStrategy::BatchLongest => Value::None,
        }),
        ("pad_to_multiple_of", p.pad_to_multiple_of.map_or(Value::None, |n| Value::Int(n as i64))),
        ("pad_id", Value::Int(p.pad_id as i64)),
        ("pad_token", Value::str(&p.pad_token)),
        ("pad_type_id", Value::Int(p.pad_type_id as i64)),
        ("direction", Value::str(match p.direction {
            PaddingDirection::Left => "left",
            PaddingDirection::Right => "right",
        })),
    ])
}

/// `set_truncation(h, None | (max_length, stride, strategy, direction))`.
fn set_truncation(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "set_truncation")?;
    nargs(&args, 2, 2, "set_truncation")?;
    let params = match &args[1] {
        Value::None => None,
        Value::Tuple(p) if p.len() == 4 => {
            let strategy = match &p[2] {
                Value::Str(s) if s.as_ref() == "longest_first" => TruncationStrategy::LongestFirst,
                Value::Str(s) if s.as_ref() == "only_first" => TruncationStrategy::OnlyFirst,
                Value::Str(s) if s.as_ref() == "only_second" => TruncationStrategy::OnlySecond,
                _ => return Err(err("ValueError", "Unknown `strategy`: should be one of `longest_first`, `only_first`, or `only_second`")),
            };
            let direction = match &p[3] {
                Value::Str(s) if s.as_ref() == "right" => TruncationDirection::Right,
                Value::Str(s) if s.as_ref() == "left" => TruncationDirection::Left,
                _ => return Err(err("ValueError", "Unknown `direction`: should be one of `right` or `left`")),
            };
            Some(TruncationParams { max_length: index(it, &p[0])?.max(0) as usize, stride: index(it, &p[1])?.max(0) as usize, strategy, direction })
        }
        _ => return Err(err("TypeError", "set_truncation: bad parameters")),
    };
    with(it, &args[0], |t| {
        t.with_truncation(params).map_err(tk_error)?;
        Ok(Value::None)
    })
}

fn get_truncation(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 1, "get_truncation")?;
    let p = with(it, &args[0], |t| Ok(t.get_truncation().cloned()))?;
    let Some(p) = p else { return Ok(Value::None) };
    dict_of(vec![
        ("max_length", Value::Int(p.max_length as i64)),
        ("stride", Value::Int(p.stride as i64)),
        ("strategy", Value::str(match p.strategy {
            TruncationStrategy::LongestFirst => "longest_first",
            TruncationStrategy::OnlyFirst => "only_first",
            TruncationStrategy::OnlySecond => "only_second",
        })),
        ("direction", Value::str(match p.direction {
            TruncationDirection::Left => "left",
            TruncationDirection::Right => "right",
        })),
    ])
}

fn vocab_size(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    nargs(&args, 2, 2, "vocab_size")?;
    let added = it.truthy(&args[1])?;
    with(it, &args[0], |t| Ok(Value::Int(t.get_vocab_size(added) as i64)))
}

fn token_to_id(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    nargs(&args, 2, 2, "token_to_id")?;
    let tok = path_of(&args[1], "token_to_id")?;
    with(it, &args[0], |t| Ok(t.token_to_id(&tok).map_or(Value::None, |i| Value::Int(i as i64))))
}

fn id_to_token(it: &mut Interp, _: &Builtin, args: Vec<Value>, _kw: Kwargs) -> Result<Value> {
    nargs(&args, 2, 2, "id_to_token")?;
    let id = index(it, &args[1])?;
    with(it, &args[0], |t| Ok(u32::try_from(id).ok().and_then(|i| t.id_to_token(i)).map_or(Value::None, |s| Value::str(&s))))
}

const FNS: &[Entry] = &[
    ("from_file", from_file, "from_file(path): load a tokenizer.json; returns a handle."),
    ("from_str", from_str, "from_str(json): a tokenizer from the text of a tokenizer.json; returns a handle."),
    ("encode", encode, "encode(h, sequence, pair, add_special_tokens): (ids, type_ids, tokens, offsets, attention_mask, special_tokens_mask, word_ids)."),
    ("encode_batch", encode_batch, "encode_batch(h, inputs, add_special_tokens): a list of encode's tuples."),
    ("decode", decode, "decode(h, ids, skip_special_tokens): the text of the ids."),
    ("set_padding", set_padding, "set_padding(h, params or None)."),
    ("get_padding", get_padding, "get_padding(h): the padding parameters as a dict, or None."),
    ("set_truncation", set_truncation, "set_truncation(h, params or None)."),
    ("get_truncation", get_truncation, "get_truncation(h): the truncation parameters as a dict, or None."),
    ("vocab_size", vocab_size, "vocab_size(h, with_added_tokens)."),
    ("token_to_id", token_to_id, "token_to_id(h, token): the id, or None."),
    ("id_to_token", id_to_token, "id_to_token(h, id): the token, or None."),
];

pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(crate::pylib::module("_tokenizers", FNS))))
}
