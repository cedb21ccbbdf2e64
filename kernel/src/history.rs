//! The input history of this kernel's session, for `history_request`: tail, range and glob
//! search, as IPython answers them. Requests are read leniently: any optional field may be
//! missing.

use serde_json::{json, Value};
use std::collections::VecDeque;

/// The session number this kernel reports (history is not kept across kernel restarts).
pub const SESSION: i64 = 1;

struct Entry {
    line: i64,
    input: String,
    output: Option<String>,
}

/// How many bytes of inputs and outputs the history keeps: past this, the oldest entries go
/// (a client sending megabyte cells must not grow the kernel without bound).
const MAX_BYTES: usize = 32 << 20;

#[derive(Default)]
pub struct History {
    entries: VecDeque<Entry>,
    bytes: usize,
}

impl Entry {
    fn size(&self) -> usize {
        self.input.len() + self.output.as_ref().map_or(0, String::len)
    }
}

impl History {
    /// Record cell `line` (its execution count) with the `text/plain` of its result, if any.
    pub fn push(&mut self, line: usize, input: &str, output: Option<String>) {
        let entry = Entry { line: line as i64, input: input.to_string(), output };
        self.bytes += entry.size();
        self.entries.push_back(entry);
        while self.bytes > MAX_BYTES && self.entries.len() > 1 {
            if let Some(old) = self.entries.pop_front() {
                self.bytes -= old.size();
            }
        }
    }

    /// The `history` list of a `history_reply` for the request's content.
    pub fn query(&self, req: &Value) -> Vec<Value> {
        let get_i = |k: &str| req.get(k).and_then(Value::as_i64);
        let output = req.get("output").and_then(Value::as_bool).unwrap_or(false);
        let hits: Vec<&Entry> = match req.get("hist_access_type").and_then(Value::as_str).unwrap_or("tail") {
            "range" => {
                // Session 0 (or none) is the current one, negative ones count back from it.
                let session = get_i("session").unwrap_or(0);
                if session != 0 && session != SESSION {
                    Vec::new()
                } else {
                    let start = get_i("start").unwrap_or(0);
                    let stop = get_i("stop").filter(|&s| s > 0);
                    self.entries.iter().filter(|e| e.line >= start && stop.is_none_or(|s| e.line < s)).collect()
                }
            }
            "search" => {
                let pattern = req.get("pattern").and_then(Value::as_str).unwrap_or("*");
                let unique = req.get("unique").and_then(Value::as_bool).unwrap_or(false);
                let mut hits: Vec<&Entry> = self.entries.iter().filter(|e| glob_match(pattern, &e.input)).collect();
                if unique {
                    // Keep the latest occurrence of each input.
                    let mut seen = std::collections::HashSet::new();
                    hits.reverse();
                    hits.retain(|e| seen.insert(e.input.as_str()));
                    hits.reverse();
                }
                match get_i("n") {
                    Some(n) if n >= 0 => last(hits, n as usize),
                    _ => hits,
                }
            }
            // "tail", and anything unknown.
            _ => {
                let n = get_i("n").filter(|&n| n >= 0).unwrap_or(10) as usize;
                last(self.entries.iter().collect(), n)
            }
        };
        hits.into_iter()
            .map(|e| if output { json!([SESSION, e.line, [e.input, e.output]]) } else { json!([SESSION, e.line, e.input]) })
            .collect()
    }
}

fn last<T>(mut v: Vec<T>, n: usize) -> Vec<T> {
    let skip = v.len().saturating_sub(n);
    v.drain(..skip);
    v
}

/// Shell-style glob matching as IPython's history search does: `*` any run, `?` one character,
/// `[abc]` / `[!abc]` a set; the pattern must match the whole input.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matching with backtracking to the last `*`.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((ok, next)) = class_match(&p, pi, t[ti]) {
                        if ok {
                            pi = next;
                            ti += 1;
                            continue;
                        }
                    } else if t[ti] == '[' {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
                c if c == t[ti] => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Match `c` against the `[...]` class starting at `p[i]`: (matched, index after the class), or
/// None when the bracket is not closed (then it is a literal `[`).
fn class_match(p: &[char], i: usize, c: char) -> Option<(bool, usize)> {
    let mut j = i + 1;
    let negate = j < p.len() && (p[j] == '!' || p[j] == '^');
    if negate {
        j += 1;
    }
    let mut matched = false;
    let mut first = true;
    while j < p.len() && (p[j] != ']' || first) {
        if j + 2 < p.len() && p[j + 1] == '-' && p[j + 2] != ']' {
            if p[j] <= c && c <= p[j + 2] {
                matched = true;
            }
            j += 3;
        } else {
            if p[j] == c {
                matched = true;
            }
            j += 1;
        }
        first = false;
    }
    if j >= p.len() {
        return None;
    }
    Some((matched != negate, j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*", ""));
        assert!(glob_match("print*", "print(1)"));
        assert!(glob_match("*1*", "x = 1 + 2"));
        assert!(!glob_match("*1", "x = 1 + 2"));
        assert!(glob_match("a?c", "abc"));
        assert!(glob_match("[ab]x", "bx"));
        assert!(!glob_match("[!ab]x", "bx"));
        assert!(glob_match("[a-c]*", "c = 3"));
        assert!(glob_match("x[", "x["));
    }

    #[test]
    fn queries() {
        let mut h = History::default();
        h.push(1, "a = 1", None);
        h.push(2, "a + 1", Some("2".into()));
        h.push(3, "a + 1", Some("2".into()));
        let tail = h.query(&json!({"hist_access_type": "tail", "n": 2}));
        assert_eq!(tail, vec![json!([1, 2, "a + 1"]), json!([1, 3, "a + 1"])]);
        let range = h.query(&json!({"hist_access_type": "range", "session": 1, "start": 1, "stop": 2, "output": true}));
        assert_eq!(range, vec![json!([1, 1, ["a = 1", null]])]);
        let search = h.query(&json!({"hist_access_type": "search", "pattern": "a +*", "unique": true}));
        assert_eq!(search, vec![json!([1, 3, "a + 1"])]);
        // A request with no optional field at all.
        assert_eq!(h.query(&json!({})).len(), 3);
    }

    #[test]
    fn megabyte_cells_keep_the_history_bounded() {
        let mut h = History::default();
        let big = "x".repeat(1 << 20);
        for line in 1..=100 {
            h.push(line, &big, Some("1".into()));
        }
        assert!(h.bytes <= MAX_BYTES, "{} bytes kept", h.bytes);
        assert_eq!(h.bytes, h.entries.iter().map(Entry::size).sum::<usize>());
        // The newest entries stay.
        let tail = h.query(&json!({"hist_access_type": "tail", "n": 1}));
        assert_eq!(tail[0][1], json!(100));
        assert!(h.entries.len() < 100 && h.entries.len() >= 30);
    }
}
