/// The `slope` helper module, evaluated as the first cell of every Rust context (evcxr keeps
/// items, so every later cell sees it). Exported functions are called from Slope over a Unix
/// socket (`SLOPE_RUST_SOCKET`) served by a thread of evcxr's runtime process, the process that
/// loaded the cells' code.
///
/// evcxr compiles each cell into a new dylib holding every item defined so far, so each cell
/// has its own copy of this module and of its statics. The first `export` starts the server in
/// its copy and publishes the address of that copy's `register` in an environment variable
/// (process-global, unlike statics); later exports register through it. The dylibs are never
/// unloaded, so the function pointers stay valid for the life of the process.
#[allow(dead_code)]
pub mod slope {
    use std::io::{Read, Write};
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::sync::Mutex;

    /// The element types an exported function can take (f32, f64). A function generic over
    /// `T: slope::Elem` can be exported for both; `to_f64`/`from_f64` convert.
    pub trait Elem: Copy + Default + PartialOrd + 'static {
        const CODE: u8;
        fn to_f64(self) -> f64;
        fn from_f64(x: f64) -> Self;
        fn decode(bytes: &[u8]) -> Vec<Self>;
        fn encode(v: &[Self], out: &mut Vec<u8>);
    }
    impl Elem for f32 {
        const CODE: u8 = 0;
        fn to_f64(self) -> f64 {
            self as f64
        }
        fn from_f64(x: f64) -> f32 {
            x as f32
        }
        fn decode(b: &[u8]) -> Vec<f32> {
            b.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
        }
        fn encode(v: &[f32], out: &mut Vec<u8>) {
            v.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        }
    }
    impl Elem for f64 {
        const CODE: u8 = 1;
        fn to_f64(self) -> f64 {
            self
        }
        fn from_f64(x: f64) -> f64 {
            x
        }
        fn decode(b: &[u8]) -> Vec<f64> {
            b.chunks_exact(8).map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).collect()
        }
        fn encode(v: &[f64], out: &mut Vec<u8>) {
            v.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        }
    }

    /// (function, shape function, input shape, input bytes) → (output shape, output bytes).
    type Call = fn(usize, usize, &[usize], &[u8]) -> (Vec<usize>, Vec<u8>);
    /// (shape function, input shape) → output shape.
    type ShapeOf = fn(usize, &[usize]) -> Vec<usize>;
    type Register = fn(&str, u8, u8, usize, usize, Call, ShapeOf);

    /// How Slope treats an export: 0 elementwise (`out` has `x`'s shape), 1 declared shape.
    const ELEMENTWISE: u8 = 0;
    const SHAPED: u8 = 1;

    struct Entry {
        name: String,
        dtype: u8,
        kind: u8,
        f: usize,
        shape: usize,
        call: Call,
        shape_of: ShapeOf,
    }

    static REGISTRY: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
    const REGISTER_ENV: &str = "SLOPE_RUST_REGISTER";

    fn register(name: &str, dtype: u8, kind: u8, f: usize, shape: usize, call: Call, shape_of: ShapeOf) {
        let mut r = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        r.retain(|e| !(e.name == name && e.dtype == dtype));
        r.push(Entry { name: name.to_string(), dtype, kind, f, shape, call, shape_of });
    }

    fn registrar() -> Register {
        if let Some(addr) = std::env::var(REGISTER_ENV).ok().and_then(|s| s.parse::<usize>().ok()) {
            // SAFETY: the address of `register` in the dylib that started the server (below),
            // which stays loaded for the life of the process; same compiler, same signature.
            return unsafe { std::mem::transmute::<usize, Register>(addr) };
        }
        let path = std::env::var("SLOPE_RUST_SOCKET").expect("SLOPE_RUST_SOCKET is not set: Rust cells run by slope-rust set it");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap_or_else(|e| panic!("slope: cannot listen on {path}: {e}"));
        // A panic in an exported function becomes Slope's RuntimeError; the default hook's
        // message on stderr would be a second, stray report of it.
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("slope-call") {
                prev(info)
            }
        }));
        std::thread::Builder::new()
            .name("slope-server".into())
            .spawn(move || {
                for s in listener.incoming().flatten() {
                    let _ = std::thread::Builder::new().name("slope-call".into()).spawn(move || serve(s));
                }
            })
            .expect("slope: cannot start the server thread");
        let f: Register = register;
        // SAFETY: cells run one at a time on the runtime's main thread; the server thread
        // started above reads no environment variables.
        unsafe { std::env::set_var(REGISTER_ENV, (f as usize).to_string()) };
        f
    }

    fn call_elementwise<T: Elem>(f: usize, _: usize, shape: &[usize], data: &[u8]) -> (Vec<usize>, Vec<u8>) {
        // SAFETY: registered by `export::<T>` with this very type.
        let f = unsafe { std::mem::transmute::<usize, fn(&[T], &mut [T])>(f) };
        let x = T::decode(data);
        let mut out = vec![T::default(); x.len()];
        f(&x, &mut out);
        let mut bytes = Vec::with_capacity(data.len());
        T::encode(&out, &mut bytes);
        (shape.to_vec(), bytes)
    }

    fn call_map<T: Elem>(f: usize, _: usize, shape: &[usize], data: &[u8]) -> (Vec<usize>, Vec<u8>) {
        // SAFETY: registered by `export_map::<T>` with this very type.
        let f = unsafe { std::mem::transmute::<usize, fn(T) -> T>(f) };
        let out: Vec<T> = T::decode(data).into_iter().map(f).collect();
        let mut bytes = Vec::with_capacity(data.len());
        T::encode(&out, &mut bytes);
        (shape.to_vec(), bytes)
    }

    fn call_shaped<T: Elem>(f: usize, s: usize, shape: &[usize], data: &[u8]) -> (Vec<usize>, Vec<u8>) {
        // SAFETY: registered by `export_shaped::<T>` with these very types.
        let f = unsafe { std::mem::transmute::<usize, fn(&[T], &[usize], &mut [T])>(f) };
        let out_shape = shape_of(s, shape);
        let x = T::decode(data);
        let mut out = vec![T::default(); out_shape.iter().product()];
        f(&x, shape, &mut out);
        let mut bytes = Vec::new();
        T::encode(&out, &mut bytes);
        (out_shape, bytes)
    }

    fn same_shape(_: usize, shape: &[usize]) -> Vec<usize> {
        shape.to_vec()
    }

    fn shape_of(s: usize, shape: &[usize]) -> Vec<usize> {
        // SAFETY: registered by `export_shaped` as this type.
        let s = unsafe { std::mem::transmute::<usize, fn(&[usize]) -> Vec<usize>>(s) };
        s(shape)
    }

    /// Export `f` to Slope as `slope.rust.<name>`: it reads the input's elements (row-major)
    /// and writes the output, which has the input's shape. Exporting one name for f32 and for
    /// f64 gives Slope both; it picks the one of the argument's dtype.
    pub fn export<T: Elem>(name: &str, f: fn(&[T], &mut [T])) {
        registrar()(name, T::CODE, ELEMENTWISE, f as usize, 0, call_elementwise::<T>, same_shape);
    }

    /// Export a scalar function `f`, applied to every element.
    pub fn export_map<T: Elem>(name: &str, f: fn(T) -> T) {
        registrar()(name, T::CODE, ELEMENTWISE, f as usize, 0, call_map::<T>, same_shape);
    }

    /// Export `f` with a declared output shape: `shape(input shape)` gives it, and
    /// `f(x, x_shape, out)` fills it.
    pub fn export_shaped<T: Elem>(name: &str, f: fn(&[T], &[usize], &mut [T]), shape: fn(&[usize]) -> Vec<usize>) {
        registrar()(name, T::CODE, SHAPED, f as usize, shape as usize, call_shaped::<T>, shape_of);
    }

    // The socket protocol, little-endian: a request is an op byte and its fields; strings and
    // byte blocks are a u64 length and the bytes.
    //   b'L'                                  → u64 count, then (name, dtype u8, kind u8) each
    //   b'S' name dtype ndim dims              → b'o' ndim dims | b'e' message
    //   b'C' name dtype ndim dims bytes        → b'o' ndim dims bytes | b'e' message
    fn read_u64(s: &mut UnixStream) -> std::io::Result<u64> {
        let mut b = [0u8; 8];
        s.read_exact(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn read_u8(s: &mut UnixStream) -> std::io::Result<u8> {
        let mut b = [0u8; 1];
        s.read_exact(&mut b)?;
        Ok(b[0])
    }
    fn read_bytes(s: &mut UnixStream) -> std::io::Result<Vec<u8>> {
        let n = read_u64(s)? as usize;
        let mut v = vec![0u8; n];
        s.read_exact(&mut v)?;
        Ok(v)
    }
    fn read_dims(s: &mut UnixStream) -> std::io::Result<Vec<usize>> {
        let n = read_u64(s)? as usize;
        (0..n).map(|_| read_u64(s).map(|d| d as usize)).collect()
    }
    fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
        out.extend_from_slice(&(b.len() as u64).to_le_bytes());
        out.extend_from_slice(b);
    }
    fn put_dims(out: &mut Vec<u8>, d: &[usize]) {
        out.extend_from_slice(&(d.len() as u64).to_le_bytes());
        d.iter().for_each(|x| out.extend_from_slice(&(*x as u64).to_le_bytes()));
    }

    fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
        if let Some(s) = p.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = p.downcast_ref::<String>() {
            s.clone()
        } else {
            "(a panic without a message)".to_string()
        }
    }

    fn lookup(name: &str, dtype: u8) -> Option<(usize, usize, Call, ShapeOf)> {
        let r = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        r.iter().find(|e| e.name == name && e.dtype == dtype).map(|e| (e.f, e.shape, e.call, e.shape_of))
    }

    fn serve(mut s: UnixStream) {
        loop {
            let Ok(op) = read_u8(&mut s) else { return };
            let mut out = Vec::new();
            let res: std::io::Result<()> = (|| {
                match op {
                    b'L' => {
                        let r = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
                        out.extend_from_slice(&(r.len() as u64).to_le_bytes());
                        for e in r.iter() {
                            put_bytes(&mut out, e.name.as_bytes());
                            out.push(e.dtype);
                            out.push(e.kind);
                        }
                    }
                    b'S' | b'C' => {
                        let name = String::from_utf8_lossy(&read_bytes(&mut s)?).into_owned();
                        let dtype = read_u8(&mut s)?;
                        let dims = read_dims(&mut s)?;
                        let data = if op == b'C' { read_bytes(&mut s)? } else { Vec::new() };
                        let Some((f, sh, call, shape_of)) = lookup(&name, dtype) else {
                            out.push(b'e');
                            put_bytes(&mut out, format!("no Rust function '{name}' for this dtype").as_bytes());
                            return Ok(());
                        };
                        let r = std::panic::catch_unwind(|| if op == b'C' { call(f, sh, &dims, &data) } else { (shape_of(sh, &dims), Vec::new()) });
                        match r {
                            Ok((shape, bytes)) => {
                                out.push(b'o');
                                put_dims(&mut out, &shape);
                                if op == b'C' {
                                    put_bytes(&mut out, &bytes);
                                }
                            }
                            Err(p) => {
                                out.push(b'e');
                                put_bytes(&mut out, panic_message(p).as_bytes());
                            }
                        }
                    }
                    _ => return Err(std::io::Error::other("bad request")),
                }
                Ok(())
            })();
            if res.is_err() || s.write_all(&out).is_err() {
                return;
            }
        }
    }
}
