//! Byte-for-byte comparison of the formatter with numpy's own output, read from
//! `lang/tests/format/cases.txt` (written by `gen.py` there with numpy 2.x).

use super::*;

/// Cases whose output is known not to match numpy yet, by name. Each entry needs a comment
/// saying why; the test fails if a listed case starts matching, so the list stays honest.
const KNOWN_DIFFERENT: &[&str] = &[];

/// One record of the oracle file.
struct Case {
    name: String,
    is_scalar: bool,
    dtype: DType,
    shape: Vec<usize>,
    opts: PrintOptions,
    values: Vec<Scalar>,
    str_out: String,
    repr_out: String,
}

fn parse_value(dtype: DType, tok: &str) -> Scalar {
    match dtype {
        DType::F64 => Scalar::F64(f64::from_bits(u64::from_str_radix(tok, 16).expect("f64 bits"))),
        DType::F32 => Scalar::F32(f32::from_bits(u32::from_str_radix(tok, 16).expect("f32 bits"))),
        DType::I64 => Scalar::I64(tok.parse().expect("int64")),
        DType::I32 => Scalar::I32(tok.parse().expect("int32")),
        DType::Bool => Scalar::Bool(tok == "1"),
        d => Scalar::I64(tok.parse().expect("int")).cast(d),
    }
}

fn parse_cases(text: &str) -> Vec<Case> {
    let mut lines = text.lines();
    let mut cases = Vec::new();
    while let Some(head) = lines.next() {
        let (kind, name) = head.split_once(' ').expect("record header");
        let mut case = Case {
            name: name.to_string(),
            is_scalar: kind == "scalar",
            dtype: DType::F64,
            shape: Vec::new(),
            opts: PrintOptions::default(),
            values: Vec::new(),
            str_out: String::new(),
            repr_out: String::new(),
        };
        loop {
            let line = lines.next().expect("unterminated record");
            if line == "end" {
                break;
            }
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "dtype" => case.dtype = DType::from_name(rest).expect("dtype"),
                "shape" => case.shape = rest.split_whitespace().map(|d| d.parse().expect("dim")).collect(),
                "opts" => {
                    let v: Vec<usize> = rest.split_whitespace().map(|d| d.parse().expect("opt")).collect();
                    case.opts = PrintOptions {
                        precision: v[0],
                        threshold: v[1],
                        edgeitems: v[2],
                        linewidth: v[3],
                        suppress: v[4] != 0,
                    };
                }
                "values" => case.values = rest.split_whitespace().map(|t| parse_value(case.dtype, t)).collect(),
                "str" | "repr" => {
                    let n: usize = rest.parse().expect("line count");
                    let body: Vec<&str> = (0..n).map(|_| lines.next().expect("output line")).collect();
                    let body = body.join("\n");
                    if key == "str" {
                        case.str_out = body;
                    } else {
                        case.repr_out = body;
                    }
                }
                _ => panic!("unknown key {key:?} in case {}", case.name),
            }
        }
        cases.push(case);
    }
    cases
}

#[test]
fn format_matches_numpy() {
    // `SLOPE_FORMAT_CASES` may name another file in the same format (a larger random run).
    let path = std::env::var("SLOPE_FORMAT_CASES")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/tests/format/cases.txt").to_string());
    let text = std::fs::read_to_string(&path).expect("read the cases file");
    let cases = parse_cases(&text);
    assert!(cases.len() > 150, "too few cases: {}", cases.len());
    let mut failures = Vec::new();
    let mut unexpected_passes = Vec::new();
    for case in &cases {
        let (got_str, got_repr) = if case.is_scalar {
            (scalar_str(case.values[0]), scalar_repr(case.values[0]))
        } else {
            let a = HostArray::from_scalars(&case.shape, case.dtype, &case.values);
            (array_str_with_options(&a, &case.opts), array_repr_with_options(&a, "array", &case.opts))
        };
        let ok = got_str == case.str_out && got_repr == case.repr_out;
        let known = KNOWN_DIFFERENT.contains(&case.name.as_str());
        if !ok && !known {
            failures.push(format!(
                "--- {}\nwant str:\n{}\ngot str:\n{}\nwant repr:\n{}\ngot repr:\n{}",
                case.name, case.str_out, got_str, case.repr_out, got_repr
            ));
        }
        if ok && known {
            unexpected_passes.push(case.name.clone());
        }
    }
    assert!(
        failures.is_empty() && unexpected_passes.is_empty(),
        "{} of {} cases differ from numpy:\n{}\nlisted in KNOWN_DIFFERENT but passing: {:?}",
        failures.len(),
        cases.len(),
        failures.join("\n"),
        unexpected_passes
    );
}

#[test]
fn format_prefix_aligns_continuation_lines() {
    let a = HostArray::from_f32(&[3], vec![1.0, 2.0, 3.0]);
    assert_eq!(array_repr(&a, "Array"), "Array([1., 2., 3.], dtype=float32)");
    let long = HostArray::from_f64(&[20], (0..20).map(|i| i as f64 + 0.5).collect());
    let r = array_repr(&long, "Array");
    let second = r.lines().nth(1).expect("wrapped");
    assert!(second.starts_with("       ") && !second.starts_with("        "), "{r}");
}

#[test]
fn format_never_panics_on_odd_input() {
    let odd = [
        HostArray { shape: vec![], data: Data::F64(std::rc::Rc::new(vec![])) },
        HostArray { shape: vec![2, 2], data: Data::F64(std::rc::Rc::new(vec![1.0])) },
        HostArray::from_f64(&[0, 5], vec![]),
        HostArray::from_f64(&[3], vec![f64::NAN, f64::INFINITY, f64::MIN_POSITIVE]),
        HostArray::from_f32(&[2], vec![f32::MAX, f32::MIN_POSITIVE]),
        HostArray::from_i64(&[2], vec![i64::MIN, i64::MAX]),
    ];
    let tight = PrintOptions { precision: 0, threshold: 0, edgeitems: 0, linewidth: 0, suppress: true };
    let wide = PrintOptions { precision: 400, edgeitems: usize::MAX, ..PrintOptions::default() };
    for a in &odd {
        for o in [&PrintOptions::default(), &tight, &wide] {
            let _ = array_str_with_options(a, o);
            let _ = array_repr_with_options(a, "", o);
        }
    }
}
