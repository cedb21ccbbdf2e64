//! `_nprandom`: numpy's bit generators and the distributions `numpy.random` draws with them, bit
//! for bit numpy's C code (`numpy/random/src`): MT19937 as the legacy `RandomState` seeds and
//! draws it (`mt19937.c`, 32-bit words, 53-bit doubles from two words, 64-bit words high word
//! first), PCG64 (XSL RR 128/64, the 32-bit draws taken low half first from one 64-bit draw),
//! `SeedSequence`'s hashing, and the samplers of `distributions.c` and `legacy-distributions.c`
//! (the legacy polar Gaussian with its cached second value, the float64 ziggurats for the normal
//! and exponential, masked and Lemire bounded integers, Poisson, shuffling, Floyd's sampling).
//! `std/py/np_random.py` builds numpy's Python API (`RandomState`, `Generator`, …) on top.
//!
//! A generator's state is a Slope list the functions here update in place, so a generator is an
//! ordinary value (copied, journaled and printed as one):
//! - MT19937: 627 items, the 624 words, the position, `has_gauss` (0 or 1) and the cached Gaussian;
//! - PCG64: 6 items, the state's high and low 64 bits, the increment's, `has_uint32` and the
//!   buffered 32-bit word (64-bit words are kept as the int64 of the same bits).
//!
//! Each drawing function takes the state and a `size` (None, an int or a tuple of ints) and
//! returns one Python number for `size=None`, else a numpy array of that shape.

use super::random::{twist, Mt, N};
use super::{err, index, module, real, Entry};
use super::ziggurat as zig;
use lang::native::{Array, Builtin, HostArray, Interp, Kwargs, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Items in an MT19937 state list: the words, the position, `has_gauss`, the cached Gaussian.
const MT_LEN: usize = N + 3;
/// Items in a PCG64 state list.
const PCG_LEN: usize = 6;

/// What numpy's samplers draw from (`bitgen_t`'s three functions).
trait BitGen {
    fn next_u32(&mut self) -> u32;
    fn next_u64(&mut self) -> u64;
    fn next_double(&mut self) -> f64;
}

/// MT19937 with the legacy Gaussian cache (`aug_bitgen_t`).
struct Mt19937 {
    g: Mt,
    has_gauss: bool,
    gauss: f64,
}

impl BitGen for Mt19937 {
    fn next_u32(&mut self) -> u32 {
        if self.g.index >= N {
            twist(&mut self.g.mt);
            self.g.index = 0;
        }
        let mut y = self.g.mt[self.g.index];
        self.g.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }
    fn next_u64(&mut self) -> u64 {
        let hi = self.next_u32() as u64;
        (hi << 32) | self.next_u32() as u64
    }
    fn next_double(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

const PCG_MULT: u128 = (2_549_297_995_355_413_924u128 << 64) + 4_865_540_595_714_422_341u128;

/// PCG64 (XSL RR 128/64) with numpy's buffered 32-bit half.
struct Pcg64 {
    state: u128,
    inc: u128,
    has_u32: bool,
    uinteger: u32,
}

impl Pcg64 {
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }
    /// `pcg64_set_seed`: state and stream from the SeedSequence's four 64-bit words.
    fn seeded(seed: u128, seq: u128) -> Pcg64 {
        let mut g = Pcg64 { state: 0, inc: (seq << 1) | 1, has_u32: false, uinteger: 0 };
        g.step();
        g.state = g.state.wrapping_add(seed);
        g.step();
        g
    }
}

impl BitGen for Pcg64 {
    fn next_u64(&mut self) -> u64 {
        self.step();
        let hi = (self.state >> 64) as u64;
        let lo = self.state as u64;
        (hi ^ lo).rotate_right((self.state >> 122) as u32)
    }
    fn next_u32(&mut self) -> u32 {
        if self.has_u32 {
            self.has_u32 = false;
            return self.uinteger;
        }
        let next = self.next_u64();
        self.has_u32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }
    fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

// ---------------------------------------------------------------------------------------------
// State lists

fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::Float(f) => *f as i64,
        _ => 0,
    }
}

fn float_of(v: &Value) -> f64 {
    match v {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        _ => 0.0,
    }
}

/// The generator a state list holds, read out of it; `store` writes it back.
enum Gen {
    Mt(Box<Mt19937>),
    Pcg(Pcg64),
}

impl Gen {
    fn bits(&mut self) -> &mut dyn BitGen {
        match self {
            Gen::Mt(g) => g.as_mut(),
            Gen::Pcg(g) => g,
        }
    }
}

struct State(Rc<RefCell<Vec<Value>>>);

impl State {
    fn of(v: &Value) -> Result<State> {
        match v {
            Value::List(l) if matches!(l.borrow().len(), MT_LEN | PCG_LEN) => Ok(State(l.clone())),
            other => Err(err("TypeError", format!("expected a bit generator's state (a list made by _nprandom), not {}", other.type_name()))
                .with_help("use numpy.random's functions and classes; _nprandom is their internal core")),
        }
    }

    /// The state argument, recorded in the journal before this cell first changes it (so a
    /// failing cell puts the generator back).
    fn arg(it: &mut Interp, v: &Value) -> Result<State> {
        let st = State::of(v)?;
        it.journal_list(&st.0);
        Ok(st)
    }

    fn load(&self) -> Gen {
        let l = self.0.borrow();
        if l.len() == MT_LEN {
            let mut mt = [0u32; N];
            for (w, v) in mt.iter_mut().zip(l.iter()) {
                *w = int_of(v) as u32;
            }
            let index = int_of(&l[N]).clamp(0, N as i64) as usize;
            Gen::Mt(Box::new(Mt19937 { g: Mt { mt, index }, has_gauss: int_of(&l[N + 1]) != 0, gauss: float_of(&l[N + 2]) }))
        } else {
            let w = |i: usize| int_of(&l[i]) as u64 as u128;
            Gen::Pcg(Pcg64 { state: (w(0) << 64) | w(1), inc: (w(2) << 64) | w(3), has_u32: int_of(&l[4]) != 0, uinteger: int_of(&l[5]) as u32 })
        }
    }

    fn store(&self, g: &Gen) {
        let mut l = self.0.borrow_mut();
        match g {
            Gen::Mt(g) => {
                for (v, w) in l.iter_mut().zip(g.g.mt.iter()) {
                    *v = Value::Int(*w as i64);
                }
                l[N] = Value::Int(g.g.index as i64);
                l[N + 1] = Value::Int(g.has_gauss as i64);
                l[N + 2] = Value::Float(g.gauss);
            }
            Gen::Pcg(g) => {
                let parts = [(g.state >> 64) as u64 as i64, g.state as u64 as i64, (g.inc >> 64) as u64 as i64, g.inc as u64 as i64, g.has_u32 as i64, g.uinteger as i64];
                for (v, x) in l.iter_mut().zip(parts) {
                    *v = Value::Int(x);
                }
            }
        }
    }
}

fn mt_list(g: Mt) -> Value {
    let l = Value::list(vec![Value::Int(0); MT_LEN]);
    State::of(&l).expect("an MT19937 state list").store(&Gen::Mt(Box::new(Mt19937 { g, has_gauss: false, gauss: 0.0 })));
    l
}

/// numpy's `mt19937_seed`: Knuth's generator from one 32-bit seed (what `seed(int)` does).
fn mt_seed(seed: u32) -> Mt {
    let mut mt = [0u32; N];
    let mut s = seed;
    for (pos, w) in mt.iter_mut().enumerate() {
        *w = s;
        s = 1_812_433_253u32.wrapping_mul(s ^ (s >> 30)).wrapping_add(pos as u32 + 1);
    }
    Mt { mt, index: N }
}

/// Fresh entropy from the operating system (or the clock), as 32-bit words.
fn entropy(n: usize) -> Vec<u32> {
    let mut buf = vec![0u8; n * 4];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf)).is_ok();
    if ok {
        return buf.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    }
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let g = Mt::init_by_array(&[t as u32, (t >> 32) as u32, (t >> 64) as u32, std::process::id()]);
    let mut mt = Mt19937 { g, has_gauss: false, gauss: 0.0 };
    (0..n).map(|_| mt.next_u32()).collect()
}

/// The MT19937 of a seed: None (entropy), an int (`mt19937_seed`) or a list of 32-bit words
/// (`init_by_array`). The range checks are numpy.random's (in Slope).
fn mt_of(it: &mut Interp, seed: &Value) -> Result<Mt> {
    Ok(match seed {
        Value::None => Mt::init_by_array(&entropy(N)),
        Value::List(_) | Value::Tuple(_) => {
            let words: Vec<u32> = it.iterate(seed)?.iter().map(|v| int_of(v) as u32).collect();
            Mt::init_by_array(&words)
        }
        v => mt_seed(index(it, v)? as u32),
    })
}

// ---------------------------------------------------------------------------------------------
// Samplers (distributions.c and legacy-distributions.c)

/// `legacy_gauss`: the polar method, keeping the second value for the next call.
fn legacy_gauss(g: &mut Mt19937) -> f64 {
    if g.has_gauss {
        g.has_gauss = false;
        let t = g.gauss;
        g.gauss = 0.0;
        return t;
    }
    let (f, x1, x2) = loop {
        let x1 = 2.0 * g.next_double() - 1.0;
        let x2 = 2.0 * g.next_double() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            break ((-2.0 * r2.ln() / r2).sqrt(), x1, x2);
        }
    };
    g.gauss = f * x1;
    g.has_gauss = true;
    f * x2
}

/// `random_standard_normal`: the float64 ziggurat.
fn std_normal(g: &mut dyn BitGen) -> f64 {
    loop {
        let mut r = g.next_u64();
        let idx = (r & 0xff) as usize;
        r >>= 8;
        let sign = r & 1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * zig::WI[idx];
        if sign == 1 {
            x = -x;
        }
        if rabs < zig::KI[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -zig::NOR_INV_R * (-g.next_double()).ln_1p();
                let yy = -(-g.next_double()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 { -(zig::NOR_R + xx) } else { zig::NOR_R + xx };
                }
            }
        } else if (zig::FI[idx - 1] - zig::FI[idx]) * g.next_double() + zig::FI[idx] < (-0.5 * x * x).exp() {
            return x;
        }
    }
}

/// `random_standard_exponential`: the float64 ziggurat.
fn std_exp(g: &mut dyn BitGen) -> f64 {
    loop {
        let mut ri = g.next_u64();
        ri >>= 3;
        let idx = (ri & 0xff) as usize;
        ri >>= 8;
        let x = ri as f64 * zig::WE[idx];
        if ri < zig::KE[idx] {
            return x;
        }
        if idx == 0 {
            return zig::EXP_R - (-g.next_double()).ln_1p();
        }
        if (zig::FE[idx - 1] - zig::FE[idx]) * g.next_double() + zig::FE[idx] < (-x).exp() {
            return x;
        }
        // Otherwise numpy draws again from the start (a tail call there, a loop here).
    }
}

/// The smallest all-ones mask covering `max`.
fn gen_mask(max: u64) -> u64 {
    let mut m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    m
}

/// `random_interval`: a uniform int in [0, max] by masked rejection (32-bit draws when they
/// suffice). Shuffles use it.
fn interval(g: &mut dyn BitGen, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = g.next_u32() as u64 & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = g.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}

/// `random_bounded_uint64` for one draw in [0, rng]: masked rejection (`RandomState`) or
/// Lemire's method (`Generator`), on 32-bit draws when the range fits in them.
fn bounded(g: &mut dyn BitGen, rng: u64, masked: bool) -> u64 {
    if rng == 0 {
        return 0;
    }
    if rng <= 0xffff_ffff {
        if rng == 0xffff_ffff {
            return g.next_u32() as u64;
        }
        let rng = rng as u32;
        if masked {
            let mask = gen_mask(rng as u64) as u32;
            loop {
                let v = g.next_u32() & mask;
                if v <= rng {
                    return v as u64;
                }
            }
        }
        let excl = rng + 1;
        let mut m = g.next_u32() as u64 * excl as u64;
        let mut left = m as u32;
        if left < excl {
            let threshold = (u32::MAX - rng) % excl;
            while left < threshold {
                m = g.next_u32() as u64 * excl as u64;
                left = m as u32;
            }
        }
        return m >> 32;
    }
    if rng == u64::MAX {
        return g.next_u64();
    }
    if masked {
        let mask = gen_mask(rng);
        loop {
            let v = g.next_u64() & mask;
            if v <= rng {
                return v;
            }
        }
    }
    let excl = rng + 1;
    let mut m = g.next_u64() as u128 * excl as u128;
    let mut left = m as u64;
    if left < excl {
        let threshold = (u64::MAX - rng) % excl;
        while left < threshold {
            m = g.next_u64() as u128 * excl as u128;
            left = m as u64;
        }
    }
    (m >> 64) as u64
}

/// `random_loggam`: log Γ(x) as numpy's samplers compute it.
#[allow(clippy::excessive_precision)]
fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04, 8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02, 1.796443723688307e-01, -1.39243221690590e+00];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n: i64 = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for k in (0..=8).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// `random_poisson`: multiplication for lam < 10, Hörmann's PTRS above.
fn poisson(g: &mut dyn BitGen, lam: f64) -> i64 {
    if lam >= 10.0 {
        let slam = lam.sqrt();
        let loglam = lam.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let invalpha = 1.1239 + 1.1328 / (b - 3.4);
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = g.next_double() - 0.5;
            let v = g.next_double();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
            if us >= 0.07 && v <= vr {
                return k;
            }
            if k < 0 || (us < 0.013 && v > us) {
                continue;
            }
            if v.ln() + invalpha.ln() - (a / (us * us) + b).ln() <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0) {
                return k;
            }
        }
    }
    if lam == 0.0 {
        return 0;
    }
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= g.next_double();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

/// `random_binomial_inversion` (n * p <= 30); `legacy_random_binomial_inversion` computes
/// q^n with `log(q)` where Generator's uses `log1p(-p)`.
fn binomial_inversion(g: &mut dyn BitGen, n: i64, p: f64, legacy: bool) -> i64 {
    let q = 1.0 - p;
    let qn = (n as f64 * if legacy { q.ln() } else { (-p).ln_1p() }).exp();
    let np = n as f64 * p;
    let bound = (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64;
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = g.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = g.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// `random_binomial_btpe`: Kachitvichyanukul and Schmeiser's BTPE, its gotos as a loop over the
/// steps. The legacy version (numpy 1.16's, RandomState's) adds all four Stirling error terms
/// with the constant 13680; Generator's subtracts the last two and uses 13860.
fn binomial_btpe(g: &mut dyn BitGen, n: i64, p: f64, legacy: bool) -> i64 {
    let nf = n as f64;
    let r = p.min(1.0 - p);
    let q = 1.0 - r;
    let fm = nf * r + r;
    let m = fm.floor() as i64;
    let mf = m as f64;
    let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
    let xm = mf + 0.5;
    let xl = xm - p1;
    let xr = xm + p1;
    let c = 0.134 + 20.5 / (15.3 + mf);
    let a = (fm - xl) / (fm - xl * r);
    let laml = a * (1.0 + a / 2.0);
    let a = (xr - fm) / (xr * q);
    let lamr = a * (1.0 + a / 2.0);
    let p2 = p1 * (1.0 + 2.0 * c);
    let p3 = p2 + c / laml;
    let p4 = p3 + c / lamr;
    let nrq = nf * r * q;
    let mut y: i64;
    'step10: loop {
        let u = g.next_double() * p4;
        let mut v = g.next_double();
        if u <= p1 {
            y = (xm - p1 * v + u).floor() as i64;
            break 'step10;
        }
        if u <= p2 {
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (mf - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue;
            }
            v = v * (u - p2) * laml;
        } else {
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue;
            }
            v = v * (u - p3) * lamr;
        }
        // Step 50.
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut f = 1.0;
            if m < y {
                for i in m + 1..=y {
                    f *= a / i as f64 - s;
                }
            } else if m > y {
                for i in y + 1..=m {
                    f /= a / i as f64 - s;
                }
            }
            if v > f {
                continue;
            }
            break 'step10;
        }
        // Step 52.
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
        let t = (-k * k) as f64 / (2.0 * nrq);
        let big_a = v.ln();
        if big_a < t - rho {
            break 'step10;
        }
        if big_a > t + rho {
            continue;
        }
        let x1 = y as f64 + 1.0;
        let f1 = mf + 1.0;
        let z = nf + 1.0 - mf;
        let w = nf - y as f64 + 1.0;
        let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
        let k0 = if legacy { 13680. } else { 13860. };
        let term = |d2: f64, d: f64| (k0 - (462. - (132. - (99. - 140. / d2) / d2) / d2) / d2) / d / 166320.;
        let head = xm * (f1 / x1).ln() + ((n - m) as f64 + 0.5) * (z / w).ln() + (y - m) as f64 * (w * r / (x1 * q)).ln() + term(f2, f1) + term(z2, z);
        let bound = if legacy { head + term(x2, x1) + term(w2, w) } else { head - term(x2, x1) - term(w2, w) };
        if big_a > bound {
            continue;
        }
        break 'step10;
    }
    if p > 0.5 {
        y = n - y;
    }
    y
}

/// `legacy_random_binomial` (RandomState's) and `random_binomial` (Generator's, which returns 0
/// at once for n = 0 or p = 0): inversion or BTPE on min(p, 1 - p).
fn binomial(g: &mut dyn BitGen, n: i64, p: f64, legacy: bool) -> i64 {
    if !legacy && (n == 0 || p == 0.0) {
        return 0;
    }
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(g, n, p, legacy)
        } else {
            binomial_btpe(g, n, p, legacy)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(g, n, q, legacy)
        } else {
            n - binomial_btpe(g, n, q, legacy)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The module's functions

/// A `size` argument: None, an int or a sequence of ints; numpy's errors for the rest.
fn shape_of(it: &mut Interp, v: &Value) -> Result<Option<Vec<usize>>> {
    let dims: Vec<i64> = match v {
        Value::None => return Ok(None),
        Value::Int(_) | Value::Bool(_) => vec![index(it, v)?],
        Value::Array(a) if a.ndim() == 0 => vec![index(it, v)?],
        Value::Tuple(_) | Value::List(_) | Value::Array(_) => it.iterate(v)?.iter().map(|d| index(it, d)).collect::<Result<_>>()?,
        other => {
            return Err(err("TypeError", format!("'{}' object cannot be interpreted as an integer", other.type_name())).with_help("size is an int or a tuple of ints"));
        }
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(err("ValueError", "negative dimensions are not allowed").with_help("every entry of size must be >= 0"));
    }
    let shape: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    let n = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    if n.is_none_or(|n| n > lang::native::MAX_ARRAY_BYTES / 8) {
        return Err(err("MemoryError", format!("Unable to allocate an array with shape {dims:?} and data type float64")).with_help("ask for fewer samples"));
    }
    Ok(Some(shape))
}

/// The state, the shape (None for one number) and the remaining arguments.
fn setup(it: &mut Interp, args: &[Value], kw: &Kwargs, f: &str, extra: usize) -> Result<(State, Option<Vec<usize>>)> {
    super::no_kw(kw, f)?;
    super::nargs(args, 2, 2 + extra, f)?;
    let st = State::arg(it, &args[0])?;
    let shape = shape_of(it, &args[1])?;
    Ok((st, shape))
}

/// Draw floats with `f` into a Python float or an array of the shape.
fn floats(st: &State, shape: Option<Vec<usize>>, mut f: impl FnMut(&mut Gen) -> f64) -> Value {
    let mut g = st.load();
    let out = match shape {
        None => Value::Float(f(&mut g)),
        Some(s) => {
            let n = s.iter().product();
            let v: Vec<f64> = (0..n).map(|_| f(&mut g)).collect();
            Value::Array(Array::host(HostArray::from_f64(&s, v), false))
        }
    };
    st.store(&g);
    out
}

/// Draw int64s with `f` into a Python int or an array of the shape.
fn ints(st: &State, shape: Option<Vec<usize>>, mut f: impl FnMut(&mut Gen) -> i64) -> Value {
    let mut g = st.load();
    let out = match shape {
        None => Value::Int(f(&mut g)),
        Some(s) => {
            let n = s.iter().product();
            let v: Vec<i64> = (0..n).map(|_| f(&mut g)).collect();
            Value::Array(Array::host(HostArray::from_i64(&s, v), false))
        }
    };
    st.store(&g);
    out
}

fn opt_real(it: &mut Interp, args: &[Value], i: usize, default: f64) -> Result<f64> {
    match args.get(i) {
        Some(v) => real(it, v),
        None => Ok(default),
    }
}

fn n_mt_state(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "mt_state")?;
    super::nargs(&args, 0, 1, "mt_state")?;
    let g = mt_of(it, args.first().unwrap_or(&Value::None))?;
    Ok(mt_list(g))
}

fn n_mt_reseed(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "mt_reseed")?;
    super::nargs(&args, 2, 2, "mt_reseed")?;
    let st = State::arg(it, &args[0])?;
    let g = mt_of(it, &args[1])?;
    st.store(&Gen::Mt(Box::new(Mt19937 { g, has_gauss: false, gauss: 0.0 })));
    Ok(Value::None)
}

fn n_pcg_state(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "pcg_state")?;
    super::nargs(&args, 1, 1, "pcg_state")?;
    let w: Vec<u128> = it.iterate(&args[0])?.iter().map(|v| int_of(v) as u32 as u128).collect();
    if w.len() != 8 {
        return Err(err("ValueError", "pcg_state needs the 8 32-bit words of SeedSequence.generate_state(8)").with_help("use numpy.random.PCG64(seed)"));
    }
    // generate_state(4, uint64): little-endian pairs of 32-bit words.
    let u = |i: usize| w[2 * i] | (w[2 * i + 1] << 32);
    let g = Pcg64::seeded((u(0) << 64) | u(1), (u(2) << 64) | u(3));
    let l = Value::list(vec![Value::Int(0); PCG_LEN]);
    State::of(&l)?.store(&Gen::Pcg(g));
    Ok(l)
}

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> 16)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L.wrapping_mul(x).wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> 16)
}

/// `SeedSequence.mix_entropy`: the pool of `pool_size` words from the assembled entropy words.
fn seed_pool(entropy: &[u32], pool_size: usize) -> Vec<u32> {
    let mut h = INIT_A;
    let mut pool: Vec<u32> = (0..pool_size).map(|i| hashmix(entropy.get(i).copied().unwrap_or(0), &mut h)).collect();
    for src in 0..pool_size {
        for dst in 0..pool_size {
            if src != dst {
                let hv = hashmix(pool[src], &mut h);
                pool[dst] = mix(pool[dst], hv);
            }
        }
    }
    for &e in entropy.iter().skip(pool_size) {
        for p in pool.iter_mut() {
            let hv = hashmix(e, &mut h);
            *p = mix(*p, hv);
        }
    }
    pool
}

/// `SeedSequence.generate_state(n_words)` (uint32 words) from the pool.
fn seed_generate(pool: &[u32], n_words: usize) -> Vec<u32> {
    let mut h = INIT_B;
    (0..n_words)
        .map(|i| {
            let mut v = pool[i % pool.len()] ^ h;
            h = h.wrapping_mul(MULT_B);
            v = v.wrapping_mul(h);
            v ^ (v >> 16)
        })
        .collect()
}

fn words_arg(it: &mut Interp, v: &Value) -> Result<Vec<u32>> {
    Ok(it.iterate(v)?.iter().map(|x| int_of(x) as u32).collect())
}

fn n_seed_pool(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "seed_pool")?;
    super::nargs(&args, 2, 2, "seed_pool")?;
    let e = words_arg(it, &args[0])?;
    let n = index(it, &args[1])?.max(1) as usize;
    Ok(Value::list(seed_pool(&e, n).into_iter().map(|w| Value::Int(w as i64)).collect()))
}

fn n_seed_generate(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "seed_generate")?;
    super::nargs(&args, 2, 2, "seed_generate")?;
    let pool = words_arg(it, &args[0])?;
    if pool.is_empty() {
        return Err(err("ValueError", "empty SeedSequence pool").with_help("make the pool with seed_pool"));
    }
    let n = index(it, &args[1])?.max(0) as usize;
    Ok(Value::list(seed_generate(&pool, n).into_iter().map(|w| Value::Int(w as i64)).collect()))
}

fn n_random(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "random", 0)?;
    Ok(floats(&st, shape, |g| g.bits().next_double()))
}

fn n_uniform(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "uniform", 2)?;
    let low = opt_real(it, &args, 2, 0.0)?;
    let range = opt_real(it, &args, 3, 1.0)?;
    Ok(floats(&st, shape, |g| low + range * g.bits().next_double()))
}

fn mt_only(g: &mut Gen) -> &mut Mt19937 {
    match g {
        Gen::Mt(m) => m,
        Gen::Pcg(_) => unreachable!("checked by need_mt"),
    }
}

fn need_mt(st: &State, f: &str) -> Result<()> {
    if st.0.borrow().len() == MT_LEN {
        Ok(())
    } else {
        Err(err("TypeError", format!("{f} needs an MT19937 state (RandomState's)")).with_help("use the legacy RandomState functions with RandomState"))
    }
}

/// `gauss(st, size, loc=None, scale=None)`: the legacy Gaussian, `loc + scale * z` when given.
fn n_gauss(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "gauss", 2)?;
    need_mt(&st, "gauss")?;
    if args.len() > 2 {
        let loc = real(it, &args[2])?;
        let scale = opt_real(it, &args, 3, 1.0)?;
        return Ok(floats(&st, shape, |g| loc + scale * legacy_gauss(mt_only(g))));
    }
    Ok(floats(&st, shape, |g| legacy_gauss(mt_only(g))))
}

/// `normal(st, size, loc=None, scale=None)`: the ziggurat normal, `loc + scale * z` when given.
fn n_normal(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "normal", 2)?;
    if args.len() > 2 {
        let loc = real(it, &args[2])?;
        let scale = opt_real(it, &args, 3, 1.0)?;
        return Ok(floats(&st, shape, |g| loc + scale * std_normal(g.bits())));
    }
    Ok(floats(&st, shape, |g| std_normal(g.bits())))
}

/// `exp_legacy(st, size, scale=None)`: `-log(1 - U)` (times scale when given).
fn n_exp_legacy(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "exp_legacy", 1)?;
    if args.len() > 2 {
        let scale = real(it, &args[2])?;
        return Ok(floats(&st, shape, |g| scale * -(1.0 - g.bits().next_double()).ln()));
    }
    Ok(floats(&st, shape, |g| -(1.0 - g.bits().next_double()).ln()))
}

/// `exp(st, size, scale=None)`: the ziggurat exponential (times scale when given).
fn n_exp(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "exp", 1)?;
    if args.len() > 2 {
        let scale = real(it, &args[2])?;
        return Ok(floats(&st, shape, |g| scale * std_exp(g.bits())));
    }
    Ok(floats(&st, shape, |g| std_exp(g.bits())))
}

/// `integers(st, size, low, high, masked)`: int64s in the closed range [low, high].
fn n_integers(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "integers", 3)?;
    super::nargs(&args, 5, 5, "integers")?;
    let low = index(it, &args[2])?;
    let high = index(it, &args[3])?;
    let masked = it.truthy(&args[4])?;
    let rng = (high as i128 - low as i128) as u64;
    Ok(ints(&st, shape, |g| low.wrapping_add(bounded(g.bits(), rng, masked) as i64)))
}

/// `integers_small(st, size, low, high, masked, bits)`: draws in the closed range [low, high]
/// for an 8- or 16-bit dtype (`bits` 8 or 16) or bool (`bits` 1), as numpy's
/// `random_bounded_uint{8,16}_fill` and `random_bounded_bool_fill` make them: one 32-bit draw
/// is split into four bytes, two halves or 32 bits (low bits first), shared by the draws of one
/// call, and masked rejection or Lemire's method works on those narrow values. Results are
/// int64s (`low` plus the draw, wrapped to the dtype's width by the caller's cast).
fn n_integers_small(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "integers_small", 4)?;
    super::nargs(&args, 6, 6, "integers_small")?;
    let low = index(it, &args[2])?;
    let high = index(it, &args[3])?;
    let masked = it.truthy(&args[4])?;
    let bits = index(it, &args[5])? as u32;
    if !matches!(bits, 1 | 8 | 16) {
        return Err(err("ValueError", "integers_small draws 1-, 8- or 16-bit integers"));
    }
    let width_max: u64 = if bits == 1 { 1 } else { (1u64 << bits) - 1 };
    let rng = ((high as i128 - low as i128) as u64) & width_max;
    let mask = gen_mask(rng);
    let (mut bcnt, mut buf) = (0u32, 0u32);
    let per_word = 32 / bits - 1;
    Ok(ints(&st, shape, |g| {
        let g = g.bits();
        let mut next = |g: &mut dyn BitGen| -> u64 {
            if bcnt == 0 {
                buf = g.next_u32();
                bcnt = per_word;
            } else {
                buf >>= bits;
                bcnt -= 1;
            }
            buf as u64 & width_max
        };
        let v = if rng == 0 {
            0
        } else if bits == 1 {
            next(g)
        } else if rng == width_max {
            next(g)
        } else if masked {
            loop {
                let v = next(g) & mask;
                if v <= rng {
                    break v;
                }
            }
        } else {
            let excl = rng + 1;
            let mut m = next(g) * excl;
            let mut left = m & width_max;
            if left < excl {
                let threshold = (width_max - rng) % excl;
                while left < threshold {
                    m = next(g) * excl;
                    left = m & width_max;
                }
            }
            m >> bits
        };
        low.wrapping_add(v as i64)
    }))
}

fn n_poisson(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "poisson", 1)?;
    let lam = opt_real(it, &args, 2, 1.0)?;
    Ok(ints(&st, shape, |g| poisson(g.bits(), lam)))
}

/// `binomial(st, size, n, p, legacy)`: RandomState's (legacy) or Generator's binomial draws.
fn n_binomial(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "binomial", 3)?;
    super::nargs(&args, 5, 5, "binomial")?;
    let n = index(it, &args[2])?;
    let p = real(it, &args[3])?;
    let legacy = it.truthy(&args[4])?;
    Ok(ints(&st, shape, |g| binomial(g.bits(), n, p, legacy)))
}

/// `shuffle_index(st, n)`: the permutation numpy's shuffle of n items makes, as indices
/// (`shuffled = x[idx]`): swaps of i with `random_interval(i)` for i from n-1 down to 1.
fn n_shuffle_index(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "shuffle_index")?;
    super::nargs(&args, 2, 2, "shuffle_index")?;
    let st = State::arg(it, &args[0])?;
    let n = index(it, &args[1])?.max(0) as usize;
    let mut g = st.load();
    let mut idx: Vec<i64> = (0..n as i64).collect();
    for i in (1..n).rev() {
        let j = interval(g.bits(), i as u64) as usize;
        idx.swap(i, j);
    }
    st.store(&g);
    Ok(Value::Array(Array::host(HostArray::from_i64(&[n], idx), false)))
}

/// `sample_unique(st, pop, size, shuffle)`: `Generator.choice(pop, size, replace=False)`'s
/// indices: a tail shuffle of arange(pop) for large samples of large populations, else Floyd's
/// algorithm with its open-addressing set, then (with shuffle) a shuffle of the result.
fn n_sample_unique(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "sample_unique")?;
    super::nargs(&args, 4, 4, "sample_unique")?;
    let st = State::arg(it, &args[0])?;
    let pop = index(it, &args[1])?.max(0);
    let size = index(it, &args[2])?.clamp(0, pop);
    let shuffle = it.truthy(&args[3])?;
    let mut g = st.load();
    let cutoff = if shuffle { 50 } else { 20 };
    let out: Vec<i64> = if pop > 10000 && size > pop / cutoff {
        let mut idx: Vec<i64> = (0..pop).collect();
        let first = (pop - size).max(1);
        for i in (first..pop).rev() {
            let j = bounded(g.bits(), i as u64, false) as usize;
            idx.swap(i as usize, j);
        }
        idx[(pop - size) as usize..].to_vec()
    } else {
        let mut out = vec![0i64; size as usize];
        let set_size = (1.2 * size as f64) as u64;
        let mask = gen_mask(set_size);
        let mut set = vec![u64::MAX; (mask + 1) as usize];
        for j in pop - size..pop {
            let val = bounded(g.bits(), j as u64, false);
            let mut loc = val & mask;
            while set[loc as usize] != u64::MAX && set[loc as usize] != val {
                loc = (loc + 1) & mask;
            }
            let k = (j - pop + size) as usize;
            if set[loc as usize] == u64::MAX {
                set[loc as usize] = val;
                out[k] = val as i64;
            } else {
                loc = j as u64 & mask;
                while set[loc as usize] != u64::MAX {
                    loc = (loc + 1) & mask;
                }
                set[loc as usize] = j as u64;
                out[k] = j;
            }
        }
        if shuffle {
            for i in (1..out.len()).rev() {
                let j = bounded(g.bits(), i as u64, false) as usize;
                out.swap(i, j);
            }
        }
        out
    };
    st.store(&g);
    let n = out.len();
    Ok(Value::Array(Array::host(HostArray::from_i64(&[n], out), false)))
}

fn float_vec(it: &mut Interp, v: &Value) -> Result<Vec<f64>> {
    match v {
        Value::Array(a) => Ok(it.force(a)?.to_f64_vec()),
        _ => it.iterate(v)?.iter().map(|x| real(it, x)).collect(),
    }
}

/// numpy's `cdf = p.cumsum(); cdf /= cdf[-1]`.
fn cdf_of(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    let last = cdf.last().copied().unwrap_or(1.0);
    for c in cdf.iter_mut() {
        *c /= last;
    }
    cdf
}

/// `cdf.searchsorted(u, side='right')`.
fn search_right(cdf: &[f64], u: f64) -> i64 {
    cdf.partition_point(|&c| c <= u) as i64
}

/// `choice_p(st, size, p)`: indices drawn with replacement with probabilities p (numpy's cdf
/// and `searchsorted` of uniform draws).
fn n_choice_p(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    let (st, shape) = setup(it, &args, &kw, "choice_p", 1)?;
    super::nargs(&args, 3, 3, "choice_p")?;
    let p = float_vec(it, &args[2])?;
    let cdf = cdf_of(&p);
    Ok(ints(&st, shape, |g| search_right(&cdf, g.bits().next_double())))
}

/// `choice_p_unique(st, size, p)`: `size` distinct indices with probabilities p, by numpy's
/// rounds of draws that zero the probabilities already found.
fn n_choice_p_unique(it: &mut Interp, _b: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    super::no_kw(&kw, "choice_p_unique")?;
    super::nargs(&args, 3, 3, "choice_p_unique")?;
    let st = State::arg(it, &args[0])?;
    let size = index(it, &args[1])?.max(0) as usize;
    let mut p = float_vec(it, &args[2])?;
    let mut g = st.load();
    let mut found: Vec<i64> = Vec::with_capacity(size);
    while found.len() < size {
        let x: Vec<f64> = (0..size - found.len()).map(|_| g.bits().next_double()).collect();
        for &f in &found {
            p[f as usize] = 0.0;
        }
        let cdf = cdf_of(&p);
        let mut seen = std::collections::HashSet::new();
        for u in x {
            let k = search_right(&cdf, u);
            if seen.insert(k) {
                found.push(k);
            }
        }
    }
    st.store(&g);
    Ok(Value::Array(Array::host(HostArray::from_i64(&[size], found), false)))
}

const FNS: &[Entry] = &[
    ("mt_state", n_mt_state, "mt_state(seed=None): a new MT19937 state list, seeded as RandomState(seed) seeds it (an int, a list of 32-bit words, or None for fresh entropy)."),
    ("mt_reseed", n_mt_reseed, "mt_reseed(st, seed): reseed the MT19937 state st in place and drop its cached Gaussian."),
    ("pcg_state", n_pcg_state, "pcg_state(words): a new PCG64 state list from the 8 32-bit words of SeedSequence.generate_state(8)."),
    ("seed_pool", n_seed_pool, "seed_pool(entropy_words, pool_size): SeedSequence's entropy pool (mix_entropy) as a list of 32-bit words."),
    ("seed_generate", n_seed_generate, "seed_generate(pool, n_words): SeedSequence.generate_state(n_words) as a list of 32-bit words."),
    ("random", n_random, "random(st, size): uniform floats in [0, 1), 53 bits each."),
    ("uniform", n_uniform, "uniform(st, size, low, range): low + range * U for uniform U in [0, 1)."),
    ("gauss", n_gauss, "gauss(st, size, loc=None, scale=None): the legacy polar Gaussian (MT19937 states), loc + scale * z when given."),
    ("normal", n_normal, "normal(st, size, loc=None, scale=None): the ziggurat standard normal, loc + scale * z when given."),
    ("exp_legacy", n_exp_legacy, "exp_legacy(st, size, scale=None): -log(1 - U), RandomState's standard exponential."),
    ("exp", n_exp, "exp(st, size, scale=None): the ziggurat standard exponential, Generator's."),
    ("integers", n_integers, "integers(st, size, low, high, masked): int64s in [low, high] (closed), by masked rejection or Lemire's method."),
    ("integers_small", n_integers_small, "integers_small(st, size, low, high, masked, bits): 8-, 16-bit or bool draws in [low, high] (closed) from shared 32-bit words, as numpy's buffered samplers."),
    ("poisson", n_poisson, "poisson(st, size, lam): Poisson draws (multiplication below 10, PTRS above)."),
    ("binomial", n_binomial, "binomial(st, size, n, p, legacy): binomial draws, RandomState's (legacy: numpy 1.16's BTPE) or Generator's."),
    ("shuffle_index", n_shuffle_index, "shuffle_index(st, n): the indices of the permutation numpy's shuffle of n items makes."),
    ("sample_unique", n_sample_unique, "sample_unique(st, pop, size, shuffle): Generator.choice's indices without replacement (tail shuffle or Floyd's algorithm)."),
    ("choice_p", n_choice_p, "choice_p(st, size, p): indices drawn with replacement with probabilities p."),
    ("choice_p_unique", n_choice_p_unique, "choice_p_unique(st, size, p): size distinct indices drawn with probabilities p."),
];

/// The module `_nprandom`.
pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(Rc::new(module("_nprandom", FNS))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SeedSequence(0).generate_state(8), SeedSequence(12345).pool and PCG64(0).random_raw(3),
    /// printed by numpy 2.4.
    #[test]
    fn seed_sequence_and_pcg64_match_numpy() {
        let words = seed_generate(&seed_pool(&[0], 4), 8);
        assert_eq!(words, [2968811710, 3677149159, 745650761, 2884920346, 2642120001, 549907821, 574372308, 742431198]);
        assert_eq!(seed_pool(&[12345], 4), [4069775156, 4251353637, 4182767765, 2267058336]);
        let w: Vec<u128> = words.iter().map(|&x| x as u128).collect();
        let u = |i: usize| w[2 * i] | (w[2 * i + 1] << 32);
        let mut g = Pcg64::seeded((u(0) << 64) | u(1), (u(2) << 64) | u(3));
        let got: Vec<u64> = (0..3).map(|_| g.next_u64()).collect();
        assert_eq!(got, [11749869230777074271, 4976686463289251617, 755828109848996024]);
    }

    /// RandomState(0)'s first 32-bit words (numpy: `RandomState(0)._bit_generator.random_raw(2)`).
    #[test]
    fn mt19937_seed_matches_numpy() {
        let mut g = Mt19937 { g: mt_seed(0), has_gauss: false, gauss: 0.0 };
        assert_eq!(g.next_u32(), 0x8c7f_0aac);
        assert_eq!(g.next_u32(), 0x97c4_aa2f);
    }
}
