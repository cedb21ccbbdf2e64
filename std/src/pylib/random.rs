//! `_random`: the Mersenne Twister (MT19937) under `random`, bit for bit CPython's
//! `Modules/_randommodule.c`: seeding by `init_by_array` over the 32-bit words of |n|, 53-bit
//! floats from two draws, `getrandbits`, and `_randbelow` by rejection. `std/py/random.py`
//! builds Python's `random` module on top, as CPython's `random.py` does on its `_random`.
//!
//! A generator's state is a Slope list of 625 ints: the 624 words and the index of the next word
//! (what `getstate` returns). The functions here take that list as their first argument and
//! update it in place; `random.Random` holds one, so a generator is an ordinary value.

use super::{err, index, module, nargs, no_kw, real, Entry};
use lang::native::{Builtin, Diagnostic, Interp, Kwargs, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Words in the state (shared with `nprandom`, numpy's MT19937).
pub(crate) const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;
/// Items in a state list: the words and the index.
const STATE_LEN: usize = N + 1;

/// The generator's words and index.
pub(crate) struct Mt {
    pub(crate) mt: [u32; N],
    pub(crate) index: usize,
}

impl Mt {
    fn init_genrand(s: u32) -> Mt {
        let mut mt = [0u32; N];
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Mt { mt, index: N }
    }

    pub(crate) fn init_by_array(key: &[u32]) -> Mt {
        let mut g = Mt::init_genrand(19_650_218);
        let mt = &mut g.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        g
    }
}

/// Regenerate the 624 words.
pub(crate) fn twist(mt: &mut [u32; N]) {
    let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
    for kk in 0..N - M {
        let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
    }
    for kk in N - M..N - 1 {
        let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
    }
    let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
}

/// A generator state list, borrowed for drawing words in place.
struct State(Rc<RefCell<Vec<Value>>>);

impl State {
    fn of(v: &Value) -> Result<State> {
        match v {
            Value::List(l) if l.borrow().len() == STATE_LEN => Ok(State(l.clone())),
            other => Err(err("TypeError", format!("expected a generator state (a list made by _random.state()), not {}", other.type_name()))
                .with_help("use the functions of the random module; _random is its internal core")),
        }
    }

    fn word(v: &Value) -> u32 {
        match v {
            Value::Int(i) => *i as u32,
            _ => 0,
        }
    }

    fn load(&self) -> Mt {
        let l = self.0.borrow();
        let mut mt = [0u32; N];
        for (w, v) in mt.iter_mut().zip(l.iter()) {
            *w = State::word(v);
        }
        let index = match &l[N] {
            Value::Int(i) => (*i).clamp(0, N as i64) as usize,
            _ => N,
        };
        Mt { mt, index }
    }

    fn store(&self, g: &Mt) {
        let mut l = self.0.borrow_mut();
        for (v, w) in l.iter_mut().zip(g.mt.iter()) {
            *v = Value::Int(*w as i64);
        }
        l[N] = Value::Int(g.index as i64);
    }

    /// CPython's `genrand_uint32`, reading and writing only the word it draws (and all of them
    /// when they are used up).
    fn next_u32(&self) -> u32 {
        let index = match &self.0.borrow()[N] {
            Value::Int(i) => (*i).clamp(0, N as i64) as usize,
            _ => N,
        };
        let (y, next) = if index >= N {
            let mut g = self.load();
            twist(&mut g.mt);
            g.index = 0;
            self.store(&g);
            (g.mt[0], 1)
        } else {
            (State::word(&self.0.borrow()[index]), index + 1)
        };
        self.0.borrow_mut()[N] = Value::Int(next as i64);
        let mut y = y;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    fn random(&self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `k` random bits, `k <= 63`, filled from the least significant 32-bit word up.
    fn bits(&self, k: u32) -> i64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return (self.next_u32() >> (32 - k)) as i64;
        }
        let lo = self.next_u32() as u64;
        let hi = (self.next_u32() >> (64 - k)) as u64;
        (lo | (hi << 32)) as i64
    }

    fn reseed(&self, g: &Mt) {
        self.store(g);
    }
}

/// The key words of a non-negative integer, least significant first (at least one word).
fn key_of(mut n: u128) -> Vec<u32> {
    let mut key = Vec::new();
    while n > 0 {
        key.push(n as u32);
        n >>= 32;
    }
    if key.is_empty() {
        key.push(0);
    }
    key
}

/// CPython's `hash(float)` (the seed of `random.seed(x)` for a float x).
fn hash_float(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e as u32 % BITS } else { BITS - 1 - ((-1 - e) as u32 % BITS) };
    x = ((x << e) & MODULUS) | x >> (BITS - e);
    let mut h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        h = -2;
    }
    h
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// Entropy from the operating system, or the time and process id when there is none.
fn os_key() -> Vec<u32> {
    let mut buf = vec![0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf)).is_ok();
    if ok {
        return buf.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    }
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    vec![t as u32, (t >> 32) as u32, (t >> 64) as u32, std::process::id()]
}

/// The generator of `seed(a)`, as CPython seeds it.
fn seeded(it: &mut Interp, a: &Value, version: i64) -> Result<Mt> {
    let key = match a {
        Value::None => os_key(),
        Value::Int(_) | Value::Bool(_) => key_of(index(it, a)?.unsigned_abs() as u128),
        Value::Float(f) => key_of(hash_float(*f) as u64 as u128),
        Value::Str(s) if version == 2 => {
            // CPython: int.from_bytes(a.encode() + sha512(a.encode()).digest(), 'big').
            let mut bytes = s.as_bytes().to_vec();
            bytes.extend_from_slice(&super::sha512::digest(s.as_bytes()));
            let mut key: Vec<u32> = bytes.rchunks(4).map(|c| c.iter().fold(0u32, |w, &b| (w << 8) | b as u32)).collect();
            while key.len() > 1 && key.last() == Some(&0) {
                key.pop();
            }
            key
        }
        Value::Str(_) => return Err(err("ValueError", format!("seeding with a str and version={version} is not supported")).with_help("use version=2 (the default)")),
        _ => {
            return Err(err("TypeError", "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.").with_help("seed with an int (or a str or a float)"));
        }
    };
    Ok(Mt::init_by_array(&key))
}

fn state_arg(args: &[Value], f: &str) -> Result<State> {
    State::of(args.first().ok_or_else(|| err("TypeError", format!("{f}() missing the generator state")))?)
}

/// `state()`: a new generator state, seeded from the operating system's entropy.
fn r_state(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "state")?;
    nargs(&args, 0, 0, "state")?;
    let l = Value::list(vec![Value::None; STATE_LEN]);
    State::of(&l)?.reseed(&Mt::init_by_array(&os_key()));
    Ok(l)
}

fn r_seed(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "seed")?;
    nargs(&args, 1, 3, "seed")?;
    let st = state_arg(&args, "seed")?;
    let version = match args.get(2) {
        Some(v) => index(it, v)?,
        None => 2,
    };
    let g = seeded(it, args.get(1).unwrap_or(&Value::None), version)?;
    st.reseed(&g);
    Ok(Value::None)
}

fn r_random(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "random")?;
    nargs(&args, 1, 1, "random")?;
    Ok(Value::Float(state_arg(&args, "random")?.random()))
}

fn bits_arg(it: &mut Interp, v: &Value) -> Result<u32> {
    let k = index(it, v)?;
    if k < 0 {
        return Err(err("ValueError", "number of bits must be non-negative").with_help("getrandbits(k) needs k >= 0"));
    }
    if k > 63 {
        return Err(too_wide(format!("getrandbits({k})")));
    }
    Ok(k as u32)
}

fn too_wide(what: String) -> Diagnostic {
    err("OverflowError", format!("{what} can exceed Slope's 64-bit ints")).with_help("Slope's ints are 64-bit: ask for at most 63 bits, or combine several draws")
}

fn r_getrandbits(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "getrandbits")?;
    nargs(&args, 2, 2, "getrandbits")?;
    let st = state_arg(&args, "getrandbits")?;
    let k = bits_arg(it, &args[1])?;
    Ok(Value::Int(st.bits(k)))
}

/// `randbelow(st, n)`: a uniform int in [0, n) for n > 0, by CPython's
/// `_randbelow_with_getrandbits` (draws of n.bit_length() bits until one is below n).
fn r_randbelow(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "randbelow")?;
    nargs(&args, 2, 2, "randbelow")?;
    let st = state_arg(&args, "randbelow")?;
    let n = index(it, &args[1])?;
    if n <= 0 {
        return Err(err("ValueError", "empty range for randrange()").with_help("the range must hold at least one int"));
    }
    let k = 64 - n.leading_zeros();
    let mut r = st.bits(k);
    while r >= n {
        r = st.bits(k);
    }
    Ok(Value::Int(r))
}

fn r_getstate(_it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "getstate")?;
    nargs(&args, 1, 1, "getstate")?;
    let st = state_arg(&args, "getstate")?;
    let items = st.0.borrow()[..=N].to_vec();
    Ok(Value::tuple(items))
}

fn r_setstate(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "setstate")?;
    nargs(&args, 2, 2, "setstate")?;
    let st = state_arg(&args, "setstate")?;
    let items = match &args[1] {
        Value::Tuple(t) => t.to_vec(),
        other => return Err(err("TypeError", format!("state vector must be a tuple, not {}", other.type_name())).with_help("pass what getstate() returned")),
    };
    if items.len() != N + 1 {
        return Err(err("ValueError", "state vector is the wrong size").with_help("pass what getstate() returned"));
    }
    let mut mt = [0u32; N];
    for (w, v) in mt.iter_mut().zip(&items) {
        let x = index(it, v)?;
        if !(0..=u32::MAX as i64).contains(&x) {
            return Err(err("OverflowError", "Python int too large to convert to C unsigned long").with_help("the state's words are 32-bit unsigned ints"));
        }
        *w = x as u32;
    }
    let i = index(it, &items[N])?;
    if !(0..=N as i64).contains(&i) {
        return Err(err("ValueError", "invalid state").with_help("the state's last item is an index from 0 to 624"));
    }
    st.store(&Mt { mt, index: i as usize });
    Ok(Value::None)
}

/// `random_floats(st, n)`: n draws of `random()` at once (for `choices` and tests).
fn r_floats(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "floats")?;
    nargs(&args, 2, 2, "floats")?;
    let st = state_arg(&args, "floats")?;
    let n = index(it, &args[1])?.max(0);
    Ok(Value::list((0..n).map(|_| Value::Float(st.random())).collect()))
}

/// `hash_seed(x)`: the int that seeds the generator for a float seed (CPython's `hash(x)`).
fn r_hash(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    no_kw(&kw, "hash_float")?;
    nargs(&args, 1, 1, "hash_float")?;
    Ok(Value::Int(hash_float(real(it, &args[0])?)))
}

const FNS: &[Entry] = &[
    ("state", r_state, "state(): a new generator state (a list), seeded from the operating system's entropy."),
    ("seed", r_seed, "seed(st, a=None, version=2): reseed the generator st from a (None, int, float or str) as CPython does."),
    ("random", r_random, "random(st): the next float in [0.0, 1.0), from two 32-bit draws."),
    ("floats", r_floats, "floats(st, n): a list of the next n floats of random(st)."),
    ("getrandbits", r_getrandbits, "getrandbits(st, k): an int of k random bits (k <= 63)."),
    ("randbelow", r_randbelow, "randbelow(st, n): a uniform int in [0, n), by rejection of n.bit_length()-bit draws."),
    ("getstate", r_getstate, "getstate(st): the generator's 624 words and index, as a tuple."),
    ("setstate", r_setstate, "setstate(st, words): restore the words and index getstate returned."),
    ("hash_float", r_hash, "hash_float(x): CPython's hash of the float x (the seed a float gives)."),
];

/// The module `_random`.
pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("_random", FNS))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference output of Matsumoto and Nishimura's mt19937ar.c for
    /// `init_by_array({0x123, 0x234, 0x345, 0x456})`: its first five outputs.
    #[test]
    fn matches_reference_mt19937ar() {
        let g = Mt::init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let l = Value::list(vec![Value::None; STATE_LEN]);
        let st = State::of(&l).unwrap();
        st.reseed(&g);
        let got: Vec<u32> = (0..5).map(|_| st.next_u32()).collect();
        assert_eq!(got, [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
    }

    #[test]
    fn float_hash_is_cpythons() {
        // Values printed by CPython 3.11 for hash(x).
        assert_eq!(hash_float(1.5), 1152921504606846977);
        assert_eq!(hash_float(-2.25), -576460752303423490);
        assert_eq!(hash_float(3.0), 3);
        assert_eq!(hash_float(1e300), 1224995262755759164);
        assert_eq!(hash_float(5e-324), 16777216);
    }
}
