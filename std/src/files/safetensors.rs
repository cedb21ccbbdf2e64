//! `slope.safetensors`: `load_file(filename) -> dict` and `save_file(tensors, filename,
//! metadata=None)`, the names and behaviour of the `safetensors` Python package's numpy API
//! (`safetensors.numpy`), through the `safetensors` crate the package itself is built on (so
//! files are byte-identical). Files are memory-mapped (`memmap2`) and each tensor copied once
//! into a numpy array; the dict is in the file's data order, as `load_file`'s. bfloat16
//! tensors, which Slope has no dtype for, are widened to float32, with a note.

use super::{dtypes, format_error, path_of, read_error, write_error};
use crate::pylib::{err, kwarg, nargs, Entry};
use lang::native::{Array, Builtin, DType, Dict, HostArray, Interp, Kwargs, Result, StreamKind, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// One tensor ready to be written: the crate's `View` over our bytes.
struct Tensor {
    dtype: safetensors::Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl safetensors::View for &Tensor {
    fn dtype(&self) -> safetensors::Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.data)
    }
    fn data_len(&self) -> usize {
        self.data.len()
    }
}

/// The tensors of a safetensors file, in data order, as host arrays; also the names of those
/// widened from 16-bit floats. The error says what is wrong with the bytes.
pub fn parse(bytes: &[u8]) -> std::result::Result<(Vec<(String, HostArray)>, Vec<String>), String> {
    let (_, meta) = safetensors::SafeTensors::read_metadata(bytes).map_err(describe)?;
    let st = safetensors::SafeTensors::deserialize(bytes).map_err(describe)?;
    let mut out = Vec::new();
    let mut widened = Vec::new();
    for name in meta.offset_keys() {
        let t = st.tensor(&name).map_err(describe)?;
        let shape = t.shape().to_vec();
        let data = t.data();
        let h = match t.dtype() {
            safetensors::Dtype::BF16 => {
                widened.push(format!("{name} ({:?})", t.dtype()));
                HostArray::from_f32(&shape, data.chunks_exact(2).map(|c| dtypes::bf16_to_f32(u16::from_le_bytes([c[0], c[1]]))).collect())
            }
            st_dtype => {
                let Some(dt) = dtypes::from_safetensors(st_dtype) else {
                    return Err(format!("tensor {name:?} has dtype {st_dtype:?}, which Slope has no dtype for (it has {})", dtypes::names()));
                };
                dtypes::decode(dt, &shape, data)
            }
        };
        out.push((name, h));
    }
    Ok((out, widened))
}

/// The crate's error as a sentence.
fn describe(e: safetensors::SafeTensorError) -> String {
    use safetensors::SafeTensorError as E;
    match e {
        E::HeaderTooSmall => "the file is shorter than the 8 bytes of its header length".into(),
        E::HeaderTooLarge => "its header length is larger than safetensors allows (100 MB)".into(),
        E::InvalidHeaderLength => "its header length points past the end of the file".into(),
        E::InvalidHeader(e) => format!("its header is not valid UTF-8 ({e})"),
        E::InvalidHeaderDeserialization(e) => format!("its header is not a valid safetensors header ({e})"),
        E::MetadataIncompleteBuffer => "the data section is shorter or longer than its header's tensors say".into(),
        E::InvalidOffset(name) => format!("tensor {name:?} has data offsets that do not follow the previous tensor's"),
        E::TensorInvalidInfo => "a tensor's shape and dtype do not match the size of its data".into(),
        E::ValidationOverflow => "a tensor's shape is too large (its size overflows)".into(),
        other => other.to_string(),
    }
}

/// `load_file(filename, device='cpu')`.
fn load_file(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 2, "load_file")?;
    let path = path_of(&args[0], "load_file")?;
    for (k, v) in &kw {
        match (k.as_ref(), v) {
            ("device", Value::Str(s)) if s.as_ref() == "cpu" => {}
            ("device", _) => return Err(err("ValueError", "Slope's arrays live on the CPU").with_help("leave device out or pass device='cpu'")),
            (other, _) => return Err(err("TypeError", format!("load_file() got an unexpected keyword argument '{other}'")).with_help("load_file takes filename and device")),
        }
    }
    let file = std::fs::File::open(&path).map_err(|e| read_error(&e, &path))?;
    // SAFETY: the map is read-only and dropped before this function returns; a file truncated
    // by another process meanwhile is the one hazard memory maps have (safetensors' own loader
    // takes the same).
    let map = unsafe { memmap2::Mmap::map(&file) };
    let bytes: Cow<[u8]> = match &map {
        Ok(m) => Cow::Borrowed(&m[..]),
        // An empty file cannot be mapped on Linux: read it instead (its error is then the format's).
        Err(_) => Cow::Owned(std::fs::read(&path).map_err(|e| read_error(&e, &path))?),
    };
    let (tensors, widened) = parse(&bytes).map_err(|what| format_error(&path, "safetensors", &what))?;
    if !widened.is_empty() {
        it.write(StreamKind::Stderr, &format!("note: Slope has no bfloat16 dtype: {} widened to float32 on load\n", widened.join(", ")));
    }
    let mut d = Dict::default();
    for (name, h) in tensors {
        let k = Value::str(&name);
        let key = k.key()?;
        d.insert(k, key, Value::Array(Array::host(h, false)));
    }
    Ok(Value::dict(d))
}

/// `save_file(tensor_dict, filename, metadata=None)`.
fn save_file(it: &mut Interp, _: &Builtin, args: Vec<Value>, kw: Kwargs) -> Result<Value> {
    nargs(&args, 1, 3, "save_file")?;
    let dict = args.first().cloned().unwrap();
    let filename = args.get(1).cloned().or_else(|| kwarg(&kw, "filename")).ok_or_else(|| err("TypeError", "save_file() missing required argument 'filename'").with_help("save_file(tensors, filename)"))?;
    let path = path_of(&filename, "save_file")?;
    let metadata = args.get(2).cloned().or_else(|| kwarg(&kw, "metadata")).unwrap_or(Value::None);
    let Value::Dict(d) = &dict else {
        return Err(err("TypeError", format!("save_file() expects a dict of str to arrays, not {}", dict.type_name())).with_help("pass {'name': array, ...}"));
    };
    let entries = d.borrow().entries.clone();
    let mut tensors: Vec<(String, Tensor)> = Vec::new();
    for (k, v) in entries {
        let Value::Str(name) = &k else {
            return Err(err("TypeError", format!("tensor names must be str, not {}", k.type_name())).with_help("use str keys"));
        };
        let Value::Array(a) = &v else {
            return Err(err("ValueError", format!("tensor {:?} is a {}, not an array", name.as_ref(), v.type_name())).with_help("convert it with np.asarray first"));
        };
        let h = it.force(a)?;
        let dtype = if h.dtype() == DType::Bool { safetensors::Dtype::BOOL } else { dtypes::of(h.dtype()).safetensors };
        tensors.push((name.to_string(), Tensor { dtype, shape: h.shape.clone(), data: dtypes::encode(&h) }));
    }
    let meta = match &metadata {
        Value::None => None,
        Value::Dict(m) => {
            let mut out = HashMap::new();
            for (k, v) in m.borrow().entries.iter() {
                match (k, v) {
                    (Value::Str(k), Value::Str(v)) => {
                        out.insert(k.to_string(), v.to_string());
                    }
                    _ => return Err(err("TypeError", "metadata must be a dict of str to str").with_help("convert the values with str()")),
                }
            }
            Some(out)
        }
        other => return Err(err("TypeError", format!("metadata must be a dict or None, not {}", other.type_name())).with_help("pass a dict of str to str")),
    };
    let views: Vec<(String, &Tensor)> = tensors.iter().map(|(n, t)| (n.clone(), t)).collect();
    safetensors::serialize_to_file(views, meta, std::path::Path::new(&path)).map_err(|e| match e {
        safetensors::SafeTensorError::IoError(e) => write_error(&e, &path),
        other => err("ValueError", format!("cannot write {path:?}: {}", describe(other))).with_help("check the tensors' shapes and names"),
    })?;
    Ok(Value::None)
}

pub(crate) const FNS: &[Entry] = &[
    ("load_file", load_file, "load_file(filename, device='cpu'): the tensors of a .safetensors file, as a dict of name to numpy array (bfloat16 widened to float32)."),
    ("save_file", save_file, "save_file(tensor_dict, filename, metadata=None): write a dict of name to array as a .safetensors file."),
];

pub fn build(_it: &mut Interp) -> Result<Value> {
    Ok(Value::Module(std::rc::Rc::new(crate::pylib::module("slope.safetensors", FNS))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        let a = Tensor { dtype: safetensors::Dtype::F32, shape: vec![2, 3], data: vec![7u8; 24] };
        let b = Tensor { dtype: safetensors::Dtype::I64, shape: vec![2], data: vec![1u8; 16] };
        let c = Tensor { dtype: safetensors::Dtype::BF16, shape: vec![3], data: vec![0x3cu8; 6] };
        safetensors::serialize(vec![("a", &a), ("b", &b), ("c", &c)], None).unwrap()
    }

    #[test]
    fn reads_what_it_writes() {
        let (t, widened) = parse(&sample()).unwrap();
        let names: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
        // The data order: by descending dtype alignment, then name (the crate's and Python's).
        assert_eq!(names, ["b", "a", "c"]);
        assert_eq!(widened, ["c (BF16)"]);
        assert_eq!(t[2].1.shape, [3]);
    }

    #[test]
    fn header_past_the_end_is_an_error() {
        let mut b = sample();
        b[0..8].copy_from_slice(&(1u64 << 20).to_le_bytes());
        assert!(parse(&b).unwrap_err().contains("past the end"));
        assert!(parse(&b[..5]).unwrap_err().contains("8 bytes"));
    }

    #[test]
    fn half_floats_widen_exactly() {
        assert_eq!(dtypes::f16_to_f32(0x3c00), 1.0);
        assert_eq!(dtypes::f16_to_f32(0xc000), -2.0);
        assert_eq!(dtypes::f16_to_f32(0x7bff), 65504.0);
        assert_eq!(dtypes::f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(dtypes::f16_to_f32(0x8000).to_bits(), (-0.0f32).to_bits());
        assert!(dtypes::f16_to_f32(0x7e00).is_nan());
        assert_eq!(dtypes::f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert_eq!(dtypes::bf16_to_f32(0x3f80), 1.0);
    }

    proptest! {
        #![proptest_config(crate::files::fuzz_config(3000))]

        /// Mutated and truncated files are errors or tensors, never a panic.
        #[test]
        fn mutated_safetensors_never_panic(cut in 0usize..400, flips in proptest::collection::vec((0usize..400, any::<u8>()), 0..8)) {
            let mut b = sample();
            for (i, v) in flips {
                if i < b.len() { b[i] = v; }
            }
            b.truncate(cut.min(b.len()));
            let _ = parse(&b);
        }

        /// Arbitrary header JSON never panics.
        #[test]
        fn arbitrary_header_never_panics(text in "\\{[ -~]{0,160}\\}", tail in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut b = (text.len() as u64).to_le_bytes().to_vec();
            b.extend_from_slice(text.as_bytes());
            b.extend_from_slice(&tail);
            let _ = parse(&b);
        }

        /// Well-formed headers with arbitrary dtypes, shapes and offsets never panic (sizes
        /// that overflow, offsets past the data, dtypes Slope lacks).
        #[test]
        fn random_tensor_headers_never_panic(dt in proptest::sample::select(vec!["F32", "F16", "BF16", "I64", "I32", "BOOL", "U8", "F64", "C64", "F8_E4M3"]), shape in proptest::collection::vec(prop_oneof![0u64..5, any::<u64>()], 0..4), start in prop_oneof![0u64..64, any::<u64>()], len in prop_oneof![0u64..64, any::<u64>()], n in 0usize..64) {
            let end = start.saturating_add(len);
            let text = format!("{{\"t\":{{\"dtype\":\"{dt}\",\"shape\":{shape:?},\"data_offsets\":[{start},{end}]}}}}");
            let mut b = (text.len() as u64).to_le_bytes().to_vec();
            b.extend_from_slice(text.as_bytes());
            b.extend(std::iter::repeat_n(0x41u8, n));
            let _ = parse(&b);
        }
    }
}
