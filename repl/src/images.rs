//! Showing rich displays (plots) in the terminal: inline through the kitty, iTerm2 or sixel
//! graphics protocols when the terminal speaks one (detected once, at start-up, from the
//! environment), otherwise as PNG/SVG files whose paths are printed. Escape codes go only to a
//! terminal, never into a pipe.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// How images reach the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Kitty,
    Iterm,
    Sixel,
    /// Written to files; their paths are printed.
    Files,
}

/// Pick the protocol for this terminal. `SLOPE_IMAGES=kitty|iterm|sixel|files` overrides the
/// guess; a stdout that is not a terminal always gets files.
pub fn detect() -> Protocol {
    let tty = std::io::stdout().is_terminal();
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    detect_from(tty, &env)
}

fn detect_from(tty: bool, env: &dyn Fn(&str) -> String) -> Protocol {
    if !tty {
        return Protocol::Files;
    }
    match env("SLOPE_IMAGES").as_str() {
        "kitty" => return Protocol::Kitty,
        "iterm" | "iterm2" => return Protocol::Iterm,
        "sixel" => return Protocol::Sixel,
        "files" | "file" | "none" => return Protocol::Files,
        _ => {}
    }
    // Inside tmux or screen the protocols need passthrough that is often off: use files.
    if !env("TMUX").is_empty() || env("TERM").starts_with("screen") {
        return Protocol::Files;
    }
    let (term, program) = (env("TERM"), env("TERM_PROGRAM"));
    if !env("KITTY_WINDOW_ID").is_empty() || term == "xterm-kitty" || term == "xterm-ghostty" || program == "ghostty" {
        return Protocol::Kitty;
    }
    if program == "iTerm.app" || program == "WezTerm" || env("LC_TERMINAL") == "iTerm2" {
        return Protocol::Iterm;
    }
    if term.contains("sixel") || term.starts_with("foot") || term.starts_with("mlterm") || program == "contour" || term == "yaft-256color" {
        return Protocol::Sixel;
    }
    Protocol::Files
}

/// Shows displays as they arrive.
pub struct Images {
    pub protocol: Protocol,
    /// Where image files go: `SLOPE_FIGURES`, else a `slope-figures` folder in the temp dir.
    dir: PathBuf,
    count: usize,
    /// The files written, and whether they go when this value does (`removed_at_exit`).
    written: Vec<PathBuf>,
    remove: bool,
}

impl Images {
    pub fn new(protocol: Protocol) -> Images {
        let (dir, _) = figures_dir();
        Images { protocol, dir, count: 0, written: Vec::new(), remove: false }
    }

    /// For the interactive REPL: the image files it writes to the temp folder are there to be
    /// looked at during the session, and are removed when it ends (`plt.savefig` keeps a
    /// figure). Files in a folder the user chose with `SLOPE_FIGURES` stay, as do a script's,
    /// whose printed paths are meant to be opened afterwards.
    pub fn removed_at_exit(mut self) -> Images {
        self.remove = !figures_dir().1;
        self
    }

    /// Show one MIME bundle on stdout: an image inline or as a file, else its text.
    pub fn show(&mut self, bundle: &[(String, String)]) {
        let get = |m: &str| bundle.iter().find(|(k, _)| k == m).map(|(_, v)| v.as_str());
        let mut out = std::io::stdout().lock();
        let text = if let Some(b64) = get("image/png") {
            let b64: String = b64.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            match self.protocol {
                Protocol::Kitty => kitty(&b64),
                Protocol::Iterm => iterm(&b64),
                Protocol::Sixel => match decode_base64(&b64).and_then(|png| sixel(&png)) {
                    Some(s) => s,
                    None => self.save("png", decode_base64(&b64).unwrap_or_default()),
                },
                Protocol::Files => self.save("png", decode_base64(&b64).unwrap_or_default()),
            }
        } else if let Some(svg) = get("image/svg+xml") {
            self.save("svg", svg.as_bytes().to_vec())
        } else if let Some(t) = get("text/plain") {
            format!("{t}\n")
        } else {
            return;
        };
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    /// Write an image file and return the line that names it.
    fn save(&mut self, ext: &str, bytes: Vec<u8>) -> String {
        self.count += 1;
        let path = self.dir.join(format!("figure-{}-{}.{ext}", std::process::id(), self.count));
        match std::fs::create_dir_all(&self.dir).and_then(|_| std::fs::write(&path, bytes)) {
            Ok(()) => {
                self.written.push(path.clone());
                let note = if self.remove && self.written.len() == 1 { " (figure files go when the session ends; plt.savefig keeps one)" } else { "" };
                format!("[figure: {}]{note}\n", path.display())
            }
            Err(e) => format!("[figure not shown: cannot write {}: {e}]\n", path.display()),
        }
    }
}

impl Drop for Images {
    fn drop(&mut self) {
        if self.remove {
            for p in &self.written {
                let _ = std::fs::remove_file(p);
            }
            // The shared folder goes too once no session has files in it.
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// The folder for image files, and whether the user chose it (`SLOPE_FIGURES`).
fn figures_dir() -> (PathBuf, bool) {
    match std::env::var_os("SLOPE_FIGURES").filter(|d| !d.is_empty()) {
        Some(d) => (PathBuf::from(d), true),
        None => (std::env::temp_dir().join("slope-figures"), false),
    }
}

/// The kitty graphics protocol: the PNG, base64, in chunks of at most 4096 bytes.
fn kitty(b64: &str) -> String {
    let chunks: Vec<&[u8]> = b64.as_bytes().chunks(4096).collect();
    let mut s = String::new();
    for (i, c) in chunks.iter().enumerate() {
        let more = u8::from(i + 1 < chunks.len());
        let head = if i == 0 { format!("a=T,f=100,m={more}") } else { format!("m={more}") };
        s.push_str(&format!("\x1b_G{head};{}\x1b\\", std::str::from_utf8(c).unwrap_or("")));
    }
    s.push('\n');
    s
}

/// iTerm2's inline images (also WezTerm's).
fn iterm(b64: &str) -> String {
    let size = b64.len() / 4 * 3;
    format!("\x1b]1337;File=inline=1;size={size};preserveAspectRatio=1:{b64}\x07\n")
}

/// Standard base64 (padding optional); None on other characters.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let s = s.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        match chunk.len() {
            4 => out.extend_from_slice(&bytes),
            3 => out.extend_from_slice(&bytes[..2]),
            2 => out.push(bytes[0]),
            _ => return None,
        }
    }
    Some(out)
}

/// A PNG as sixels: pixels over white, colours rounded to a 6×6×6 cube, run-length encoded.
fn sixel(png_bytes: &[u8]) -> Option<String> {
    let mut dec = png::Decoder::new(png_bytes);
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).ok()?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let level = |v: u32| ((v * 5 + 127) / 255) as usize;
    let mut index = vec![0usize; w * h];
    for (p, px) in buf[..w * h * channels].chunks(channels).enumerate() {
        let (r, g, b, a) = match px {
            [v] => (*v, *v, *v, 255),
            [v, a] => (*v, *v, *v, *a),
            [r, g, b] => (*r, *g, *b, 255),
            [r, g, b, a, ..] => (*r, *g, *b, *a),
            [] => (255, 255, 255, 255),
        };
        let over = |c: u8| (c as u32 * a as u32 + 255 * (255 - a as u32)) / 255;
        index[p] = level(over(r)) * 36 + level(over(g)) * 6 + level(over(b));
    }
    let mut s = format!("\x1bPq\"1;1;{w};{h}");
    let mut used = [false; 216];
    index.iter().for_each(|&i| used[i] = true);
    for (i, _) in used.iter().enumerate().filter(|(_, u)| **u) {
        let pct = |l: usize| l * 100 / 5;
        s.push_str(&format!("#{i};2;{};{};{}", pct(i / 36), pct(i / 6 % 6), pct(i % 6)));
    }
    for band in (0..h).step_by(6) {
        let rows = (h - band).min(6);
        let mut colors: Vec<usize> = (0..rows).flat_map(|r| index[(band + r) * w..(band + r + 1) * w].iter().copied()).collect();
        colors.sort_unstable();
        colors.dedup();
        for (k, &c) in colors.iter().enumerate() {
            s.push_str(&format!("#{c}"));
            let mut run: Option<(u8, usize)> = None;
            for x in 0..w {
                let mut bits = 0u8;
                for r in 0..rows {
                    if index[(band + r) * w + x] == c {
                        bits |= 1 << r;
                    }
                }
                let ch = 63 + bits;
                run = match run {
                    Some((rc, n)) if rc == ch => Some((rc, n + 1)),
                    Some((rc, n)) => {
                        push_run(&mut s, rc, n);
                        Some((ch, 1))
                    }
                    None => Some((ch, 1)),
                };
            }
            if let Some((rc, n)) = run {
                push_run(&mut s, rc, n);
            }
            s.push(if k + 1 < colors.len() { '$' } else { '-' });
        }
    }
    s.push_str("\x1b\\\n");
    Some(s)
}

fn push_run(s: &mut String, ch: u8, n: usize) {
    if n > 3 {
        s.push_str(&format!("!{n}{}", ch as char));
    } else {
        (0..n).for_each(|_| s.push(ch as char));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×1 RGB PNG (red, blue), made by the `png` crate.
    fn tiny_png() -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, 2, 1);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header().unwrap().write_image_data(&[255, 0, 0, 0, 0, 255]).unwrap();
        out
    }

    #[test]
    fn base64_round_trip() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVsbG8h").unwrap(), b"hello!");
        assert_eq!(decode_base64("aGk").unwrap(), b"hi");
        assert!(decode_base64("a$==").is_none());
    }

    #[test]
    fn protocols() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.to_string()).unwrap_or_default()
        };
        assert_eq!(detect_from(false, &env(&[("TERM", "xterm-kitty")])), Protocol::Files);
        assert_eq!(detect_from(true, &env(&[("TERM", "xterm-kitty")])), Protocol::Kitty);
        assert_eq!(detect_from(true, &env(&[("TERM_PROGRAM", "iTerm.app")])), Protocol::Iterm);
        assert_eq!(detect_from(true, &env(&[("TERM", "foot")])), Protocol::Sixel);
        assert_eq!(detect_from(true, &env(&[("TERM", "xterm-256color")])), Protocol::Files);
        assert_eq!(detect_from(true, &env(&[("TERM", "xterm-kitty"), ("TMUX", "/tmp/x")])), Protocol::Files);
        assert_eq!(detect_from(false, &env(&[("SLOPE_IMAGES", "kitty")])), Protocol::Files);
    }

    #[test]
    fn encodings() {
        let k = kitty(&"A".repeat(5000));
        assert!(k.starts_with("\x1b_Ga=T,f=100,m=1;"));
        assert!(k.contains("\x1b_Gm=0;"));
        // Red is cube colour 5·36 = 180, blue is 5; one band, each colour once.
        let s = sixel(&tiny_png()).unwrap();
        assert!(s.starts_with("\x1bPq\"1;1;2;1"));
        assert!(s.contains("#180;2;100;0;0") && s.contains("#5;2;0;0;100"));
        assert!(s.contains("#5?@$#180@?-"));
    }
}
