//! `.npy` and `.npz`, numpy's own formats (numpy's `lib/format.py`, `NEP 1`).
//!
//! Reading parses the header with the `npyz` crate (magic, versions 1-3, the `descr` /
//! `fortran_order` / `shape` dict), then checks the sizes itself before touching the data, so a
//! header that lies is an error, never a huge allocation. Writing produces numpy's bytes
//! exactly: the header is format.py's `_write_array_header` (sorted dict, growth-axis spaces,
//! 64-byte alignment, version 1.0 unless the header needs 2.0), which npyz does not follow (it
//! aligns to 16 and spells shapes `(3, )`), so the header is written here. `.npz` archives go
//! through the `zip` crate, stored or deflated as `np.savez` / `np.savez_compressed` write them.

use super::dtypes;
use lang::native::HostArray;
use std::io::{Read, Write};

const MAGIC: &[u8] = b"\x93NUMPY";
/// numpy's `ARRAY_ALIGN` and `GROWTH_AXIS_MAX_DIGITS`.
const ARRAY_ALIGN: usize = 64;
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// Python's `repr` of a shape tuple: `()`, `(3,)`, `(2, 3)`.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// The bytes of `np.save` of a C-contiguous array, exactly as numpy writes them.
pub fn npy_bytes(h: &HostArray) -> Vec<u8> {
    let mut header = format!("{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}", dtypes::numpy_descr(h.dtype()), shape_repr(&h.shape));
    if let Some(first) = h.shape.first() {
        header.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(first.to_string().len())));
    }
    let hlen = header.len() + 1;
    // Version 1.0 has a 2-byte header length; 2.0 a 4-byte one, for headers that do not fit.
    let pad = |len_bytes: usize| ARRAY_ALIGN - ((MAGIC.len() + 2 + len_bytes + hlen) % ARRAY_ALIGN);
    let (version, len_bytes) = if hlen + pad(2) <= u16::MAX as usize { (1u8, 2) } else { (2u8, 4) };
    let padlen = pad(len_bytes);
    let total = hlen + padlen;
    let data = dtypes::encode(h);
    let mut out = Vec::with_capacity(MAGIC.len() + 2 + len_bytes + total + data.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[version, 0]);
    if len_bytes == 2 {
        out.extend_from_slice(&(total as u16).to_le_bytes());
    } else {
        out.extend_from_slice(&(total as u32).to_le_bytes());
    }
    out.extend_from_slice(header.as_bytes());
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    out.extend_from_slice(&data);
    out
}

/// A shown prefix of bytes, as Python's bytes repr would write it.
fn bytes_repr(b: &[u8]) -> String {
    let mut s = String::from("b'");
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\'' => s.push_str("\\'"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push('\'');
    s
}

/// Parse a whole `.npy` file. The error is a sentence saying what is wrong with it.
pub fn parse_npy(bytes: &[u8]) -> Result<HostArray, String> {
    if bytes.is_empty() {
        return Err("the file is empty (no data left in file)".into());
    }
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        let got = &bytes[..bytes.len().min(MAGIC.len())];
        return Err(format!("the magic string is not correct; expected {}, got {}", bytes_repr(MAGIC), bytes_repr(got)));
    }
    if bytes.len() < MAGIC.len() + 2 {
        return Err("the file ends inside its version number".into());
    }
    let (major, minor) = (bytes[6], bytes[7]);
    if !matches!((major, minor), (1, 0) | (2, 0) | (3, 0)) {
        return Err(format!("unsupported .npy format version {major}.{minor} (numpy writes 1.0, 2.0 and 3.0)"));
    }
    let len_bytes = if major == 1 { 2 } else { 4 };
    let start = MAGIC.len() + 2 + len_bytes;
    if bytes.len() < start {
        return Err("the file ends inside its header length".into());
    }
    let hlen = if major == 1 { u16::from_le_bytes([bytes[8], bytes[9]]) as usize } else { u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize };
    if bytes.len() - start < hlen {
        return Err(format!("the header says it is {hlen} bytes long, but the file ends {} bytes after its start", bytes.len() - start));
    }
    let mut rest: &[u8] = bytes;
    let header = npyz::NpyHeader::from_reader(&mut rest).map_err(|e| format!("its header cannot be read: {e}"))?;
    let data = rest;
    let npyz::DType::Plain(ts) = header.dtype() else {
        return Err(format!("its dtype {} is a structured dtype; Slope's arrays hold one of {}", header.dtype().descr(), dtypes::names()));
    };
    let kind = match ts.type_char() {
        npyz::TypeChar::Bool => 'b',
        npyz::TypeChar::Int => 'i',
        npyz::TypeChar::Uint => 'u',
        npyz::TypeChar::Float => 'f',
        _ => '?',
    };
    let size = ts.size_field() as usize;
    let Some(dtype) = dtypes::from_numpy(kind, size) else {
        return Err(format!("its dtype '{ts}' is not one Slope has ({})", dtypes::names()));
    };
    let shape: Vec<usize> = header.shape().iter().map(|&d| usize::try_from(d).unwrap_or(usize::MAX)).collect();
    let n = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    let need = n.and_then(|n| n.checked_mul(size));
    let Some(need) = need else {
        return Err(format!("its header's shape {} is too large for any file", shape_repr(&shape)));
    };
    if data.len() < need {
        return Err(format!(
            "its header's shape {} of {} needs {need} bytes of data, but the file holds {}",
            shape_repr(&shape),
            dtype.name(),
            data.len()
        ));
    }
    let mut raw = data[..need].to_vec();
    if matches!(ts.endianness(), npyz::Endianness::Big) {
        dtypes::swap_bytes(&mut raw, size);
    }
    if matches!(header.order(), npyz::Order::Fortran) && shape.len() > 1 {
        raw = fortran_to_c(&raw, &shape, size);
    }
    Ok(dtypes::decode(dtype, &shape, &raw))
}

/// Reorder elements stored in Fortran (column-major) order into C (row-major) order.
fn fortran_to_c(raw: &[u8], shape: &[usize], size: usize) -> Vec<u8> {
    let nd = shape.len();
    let mut fstride = vec![1usize; nd];
    for k in 1..nd {
        fstride[k] = fstride[k - 1] * shape[k - 1];
    }
    let n: usize = shape.iter().product();
    let mut out = Vec::with_capacity(raw.len());
    let mut idx = vec![0usize; nd];
    for _ in 0..n {
        let off: usize = idx.iter().zip(&fstride).map(|(i, s)| i * s).sum();
        out.extend_from_slice(&raw[off * size..(off + 1) * size]);
        for k in (0..nd).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    out
}

/// Whether bytes start a zip archive (an `.npz`), as numpy's `load` decides.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The member names of an `.npz` archive, in the archive's order.
pub fn npz_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("it is not a readable zip archive: {e}"))?;
    let mut names: Vec<(usize, String)> = Vec::new();
    for i in 0..z.len() {
        if let Some(n) = z.name_for_index(i) {
            names.push((i, n.map_err(|e| format!("a member's name cannot be read: {e}"))?.to_string()));
        }
    }
    Ok(names.into_iter().map(|(_, n)| n).collect())
}

/// One member of an `.npz` archive, parsed as `.npy`.
pub fn npz_member(bytes: &[u8], name: &str) -> Result<HostArray, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("it is not a readable zip archive: {e}"))?;
    let mut f = z.by_name(name).map_err(|e| format!("its member {name:?} cannot be read: {e}"))?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf).map_err(|e| format!("its member {name:?} cannot be read: {e}"))?;
    parse_npy(&buf).map_err(|e| format!("its member {name:?} is not a valid .npy file: {e}"))
}

/// Write an `.npz` archive of `(name, array)` members (`name.npy` each), deflated when
/// `compress` (`np.savez_compressed`), stored otherwise (`np.savez`).
pub fn write_npz<W: Write + std::io::Seek>(file: W, members: &[(String, HostArray)], compress: bool) -> zip::result::ZipResult<()> {
    let mut z = zip::ZipWriter::new(file);
    let method = if compress { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    for (name, h) in members {
        let opts = zip::write::SimpleFileOptions::default().compression_method(method).large_file(true);
        z.start_file(format!("{name}.npy"), opts)?;
        z.write_all(&npy_bytes(h))?;
    }
    z.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lang::native::{DType, HostArray};
    use proptest::prelude::*;

    #[test]
    fn round_trip_every_dtype() {
        for d in dtypes::DTYPES {
            for shape in [vec![], vec![0], vec![3], vec![2, 3], vec![2, 0, 4]] {
                let n: usize = shape.iter().product();
                let h = HostArray::from_f64(&shape, (0..n).map(|i| i as f64 * 0.5 - 1.0).collect()).cast(d.dtype);
                let back = parse_npy(&npy_bytes(&h)).unwrap();
                assert_eq!(back.shape, h.shape);
                assert_eq!(dtypes::encode(&back), dtypes::encode(&h));
            }
        }
    }

    #[test]
    fn header_is_64_byte_aligned() {
        let b = npy_bytes(&HostArray::from_f64(&[2, 3], vec![0.0; 6]));
        let hlen = u16::from_le_bytes([b[8], b[9]]) as usize;
        assert_eq!((10 + hlen) % 64, 0);
        assert_eq!(b[10 + hlen - 1], b'\n');
    }

    #[test]
    fn lying_header_is_an_error() {
        let mut b = npy_bytes(&HostArray::from_f64(&[4], vec![1.0; 4]));
        b.truncate(b.len() - 3);
        let e = parse_npy(&b).unwrap_err();
        assert!(e.contains("needs 32 bytes"), "{e}");
        let e = parse_npy(b"\x93NUMPZ\x01\x00").unwrap_err();
        assert!(e.contains("magic"), "{e}");
        assert!(parse_npy(&[]).is_err());
        let _ = DType::F32;
    }

    proptest! {
        #![proptest_config(crate::files::fuzz_config(2000))]

        /// Mutated and truncated files are errors or arrays, never a panic.
        #[test]
        fn mutated_npy_never_panics(cut in 0usize..200, flips in proptest::collection::vec((0usize..200, any::<u8>()), 0..6), shape in proptest::collection::vec(0usize..4, 0..4), di in 0usize..5) {
            let d = &dtypes::DTYPES[di % dtypes::DTYPES.len()];
            let n: usize = shape.iter().product();
            let h = HostArray::from_f64(&shape, vec![1.5; n]).cast(d.dtype);
            let mut b = npy_bytes(&h);
            for (i, v) in flips {
                if i < b.len() { b[i] = v; }
            }
            b.truncate(cut.min(b.len()));
            let _ = parse_npy(&b);
        }

        /// Arbitrary header text after a valid prefix never panics.
        #[test]
        fn arbitrary_header_never_panics(text in "\\{[ -~]{0,120}\\}") {
            let mut b = MAGIC.to_vec();
            b.extend_from_slice(&[1, 0]);
            b.extend_from_slice(&((text.len() + 1) as u16).to_le_bytes());
            b.extend_from_slice(text.as_bytes());
            b.push(b'\n');
            b.extend_from_slice(&[0u8; 16]);
            let _ = parse_npy(&b);
        }

        /// Mutated zip archives never panic.
        #[test]
        fn mutated_npz_never_panics(compress in any::<bool>(), cut in 0usize..600, flips in proptest::collection::vec((0usize..600, any::<u8>()), 0..6)) {
            let mut cur = std::io::Cursor::new(Vec::new());
            write_npz(&mut cur, &[("a".into(), HostArray::from_f64(&[3], vec![1.0, 2.0, 3.0])), ("b".into(), HostArray::from_i64(&[2], vec![4, 5]))], compress).unwrap();
            let mut buf = cur.into_inner();
            for (i, v) in flips {
                if i < buf.len() { buf[i] = v; }
            }
            buf.truncate(cut.min(buf.len()));
            if let Ok(names) = npz_names(&buf) {
                for n in names {
                    let _ = npz_member(&buf, &n);
                }
            }
        }
    }
}
