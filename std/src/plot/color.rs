//! Colours as matplotlib names them: the `C0`–`C9` cycle (tab10), single letters, CSS names,
//! `#rrggbb`, grey levels as strings, tuples; matplotlib's format strings (`'r--o'`); and the
//! colormaps (`viridis`, `coolwarm`, … and any of them reversed with `_r`).

/// A colour with alpha, each channel in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba(pub f64, pub f64, pub f64, pub f64);

impl Rgba {
    pub const BLACK: Rgba = Rgba(0.0, 0.0, 0.0, 1.0);
    pub const WHITE: Rgba = Rgba(1.0, 1.0, 1.0, 1.0);

    pub fn hex(h: u32) -> Rgba {
        Rgba(((h >> 16) & 255) as f64 / 255.0, ((h >> 8) & 255) as f64 / 255.0, (h & 255) as f64 / 255.0, 1.0)
    }
    pub fn grey(v: f64) -> Rgba {
        Rgba(v, v, v, 1.0)
    }
    pub fn with_alpha(self, a: f64) -> Rgba {
        Rgba(self.0, self.1, self.2, a)
    }
    /// 8-bit channels.
    pub fn bytes(self) -> [u8; 4] {
        let q = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        [q(self.0), q(self.1), q(self.2), q(self.3)]
    }
    /// `#rrggbb`, for SVG and messages.
    pub fn css(self) -> String {
        let b = self.bytes();
        format!("#{:02x}{:02x}{:02x}", b[0], b[1], b[2])
    }
    /// Perceived brightness, to choose black or white text over this colour.
    pub fn luminance(self) -> f64 {
        0.299 * self.0 + 0.587 * self.1 + 0.114 * self.2
    }
}

/// matplotlib's default colour cycle (`tab10`), `C0`…`C9`.
pub const CYCLE: [u32; 10] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf];

pub fn cycle(i: usize) -> Rgba {
    Rgba::hex(CYCLE[i % CYCLE.len()])
}

/// The CSS and matplotlib colour names we know (lower case).
const NAMED: &[(&str, u32)] = &[
    ("black", 0x000000), ("white", 0xffffff), ("red", 0xff0000), ("green", 0x008000), ("blue", 0x0000ff), ("yellow", 0xffff00),
    ("cyan", 0x00ffff), ("magenta", 0xff00ff), ("gray", 0x808080), ("grey", 0x808080), ("orange", 0xffa500), ("purple", 0x800080),
    ("brown", 0xa52a2a), ("pink", 0xffc0cb), ("olive", 0x808000), ("navy", 0x000080), ("teal", 0x008080), ("lime", 0x00ff00),
    ("maroon", 0x800000), ("silver", 0xc0c0c0), ("gold", 0xffd700), ("indigo", 0x4b0082), ("violet", 0xee82ee), ("crimson", 0xdc143c),
    ("coral", 0xff7f50), ("salmon", 0xfa8072), ("tomato", 0xff6347), ("orchid", 0xda70d6), ("khaki", 0xf0e68c), ("tan", 0xd2b48c),
    ("turquoise", 0x40e0d0), ("skyblue", 0x87ceeb), ("steelblue", 0x4682b4), ("royalblue", 0x4169e1), ("dodgerblue", 0x1e90ff),
    ("darkblue", 0x00008b), ("darkred", 0x8b0000), ("darkgreen", 0x006400), ("darkorange", 0xff8c00), ("darkviolet", 0x9400d3),
    ("darkgray", 0xa9a9a9), ("darkgrey", 0xa9a9a9), ("lightgray", 0xd3d3d3), ("lightgrey", 0xd3d3d3), ("lightblue", 0xadd8e6),
    ("lightgreen", 0x90ee90), ("forestgreen", 0x228b22), ("seagreen", 0x2e8b57), ("limegreen", 0x32cd32), ("firebrick", 0xb22222),
    ("chocolate", 0xd2691e), ("sienna", 0xa0522d), ("slategray", 0x708090), ("slategrey", 0x708090), ("dimgray", 0x696969),
    ("dimgrey", 0x696969), ("whitesmoke", 0xf5f5f5), ("beige", 0xf5f5dc), ("ivory", 0xfffff0), ("lavender", 0xe6e6fa),
    ("goldenrod", 0xdaa520), ("hotpink", 0xff69b4), ("deeppink", 0xff1493), ("cornflowerblue", 0x6495ed), ("midnightblue", 0x191970),
    ("aqua", 0x00ffff), ("fuchsia", 0xff00ff), ("darkcyan", 0x008b8b), ("darkmagenta", 0x8b008b), ("orangered", 0xff4500),
    ("mediumseagreen", 0x3cb371), ("mediumpurple", 0x9370db), ("rebeccapurple", 0x663399), ("peru", 0xcd853f), ("wheat", 0xf5deb3),
    ("tab:blue", 0x1f77b4), ("tab:orange", 0xff7f0e), ("tab:green", 0x2ca02c), ("tab:red", 0xd62728), ("tab:purple", 0x9467bd),
    ("tab:brown", 0x8c564b), ("tab:pink", 0xe377c2), ("tab:gray", 0x7f7f7f), ("tab:grey", 0x7f7f7f), ("tab:olive", 0xbcbd22),
    ("tab:cyan", 0x17becf),
];

/// The single-letter colours of format strings, as matplotlib draws them.
fn letter(c: char) -> Option<Rgba> {
    Some(match c {
        'b' => Rgba(0.0, 0.0, 1.0, 1.0),
        'g' => Rgba(0.0, 0.5, 0.0, 1.0),
        'r' => Rgba(1.0, 0.0, 0.0, 1.0),
        'c' => Rgba(0.0, 0.75, 0.75, 1.0),
        'm' => Rgba(0.75, 0.0, 0.75, 1.0),
        'y' => Rgba(0.75, 0.75, 0.0, 1.0),
        'k' => Rgba::BLACK,
        'w' => Rgba::WHITE,
        _ => return None,
    })
}

/// A colour from its matplotlib spelling: `'red'`, `'r'`, `'C3'`, `'#ff8800'`, `'#f80'`, `'0.5'`.
pub fn parse(s: &str) -> Option<Rgba> {
    let t = s.trim().to_ascii_lowercase();
    let mut cs = t.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if let Some(col) = letter(c) {
            return Some(col);
        }
    }
    if let Some(hex) = t.strip_prefix('#') {
        let v = u32::from_str_radix(hex, 16).ok()?;
        return match hex.len() {
            6 => Some(Rgba::hex(v)),
            8 => Some(Rgba::hex(v >> 8).with_alpha((v & 255) as f64 / 255.0)),
            3 => Some(Rgba::hex(((v >> 8) & 15) * 0x110000 + ((v >> 4) & 15) * 0x1100 + (v & 15) * 0x11)),
            _ => None,
        };
    }
    if let Some(n) = t.strip_prefix('c') {
        if let Ok(i) = n.parse::<usize>() {
            return Some(cycle(i));
        }
    }
    if let Ok(g) = t.parse::<f64>() {
        if (0.0..=1.0).contains(&g) {
            return Some(Rgba::grey(g));
        }
    }
    NAMED.iter().find(|(n, _)| *n == t).map(|(_, h)| Rgba::hex(*h))
}

/// A few colour names, for the help of an error.
pub fn some_names() -> &'static str {
    "'red', 'C0'…'C9', 'tab:blue', 'k', '#1f77b4', '0.5' (grey) or an (r, g, b) tuple"
}

/// Line styles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
    DashDot,
    None,
}

impl Dash {
    pub fn parse(s: &str) -> Option<Dash> {
        Some(match s {
            "-" | "solid" => Dash::Solid,
            "--" | "dashed" => Dash::Dashed,
            ":" | "dotted" => Dash::Dotted,
            "-." | "dashdot" => Dash::DashDot,
            "" | " " | "none" | "None" => Dash::None,
            _ => return None,
        })
    }
    /// On/off lengths in multiples of the line width (matplotlib's scaled dashes).
    pub fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid | Dash::None => &[],
            Dash::Dashed => &[3.7, 1.6],
            Dash::Dotted => &[1.0, 1.65],
            Dash::DashDot => &[6.4, 1.6, 1.0, 1.6],
        }
    }
}

/// Marker shapes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Marker {
    Point,
    Pixel,
    Circle,
    Square,
    Diamond,
    TriUp,
    TriDown,
    TriLeft,
    TriRight,
    Plus,
    X,
    Star,
    Hexagon,
    Pentagon,
    VLine,
    HLine,
}

impl Marker {
    pub fn from_char(c: char) -> Option<Marker> {
        Some(match c {
            '.' => Marker::Point,
            ',' => Marker::Pixel,
            'o' => Marker::Circle,
            's' => Marker::Square,
            'D' | 'd' => Marker::Diamond,
            '^' => Marker::TriUp,
            'v' => Marker::TriDown,
            '<' => Marker::TriLeft,
            '>' => Marker::TriRight,
            '+' => Marker::Plus,
            'x' | 'X' => Marker::X,
            '*' => Marker::Star,
            'h' | 'H' => Marker::Hexagon,
            'p' => Marker::Pentagon,
            '|' => Marker::VLine,
            '_' => Marker::HLine,
            _ => return None,
        })
    }
    pub fn parse(s: &str) -> Option<Marker> {
        let mut cs = s.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => Marker::from_char(c),
            _ => None,
        }
    }
    /// Markers drawn as strokes rather than filled shapes.
    pub fn is_stroke(self) -> bool {
        matches!(self, Marker::Plus | Marker::X | Marker::VLine | Marker::HLine)
    }
}

/// What a format string like `'r--o'` says.
#[derive(Default, Debug, PartialEq)]
pub struct Fmt {
    pub color: Option<Rgba>,
    pub dash: Option<Dash>,
    pub marker: Option<Marker>,
}

/// Parse a matplotlib format string: `[marker][line][color]` in any order.
pub fn parse_fmt(s: &str) -> Option<Fmt> {
    let mut f = Fmt::default();
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let two: String = b[i..(i + 2).min(b.len())].iter().collect();
        if two == "--" || two == "-." {
            f.dash = Some(Dash::parse(&two)?);
            i += 2;
            continue;
        }
        let c = b[i];
        if c == 'C' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
            f.color = Some(cycle(b[i + 1].to_digit(10)? as usize));
            i += 2;
            continue;
        }
        if c == '-' || c == ':' {
            f.dash = Some(Dash::parse(&c.to_string())?);
        } else if let Some(col) = letter(c) {
            f.color = Some(col);
        } else if let Some(m) = Marker::from_char(c) {
            f.marker = Some(m);
        } else {
            return None;
        }
        i += 1;
    }
    if f.marker.is_some() && f.dash.is_none() {
        f.dash = Some(Dash::None);
    }
    Some(f)
}

/// A colormap: colours at evenly spaced stops, interpolated linearly.
#[derive(Clone, Debug, PartialEq)]
pub struct Cmap {
    pub name: String,
    stops: Vec<Rgba>,
    reversed: bool,
}

/// Colormaps as evenly spaced samples of matplotlib's (11 for the perceptual ones).
const CMAPS: &[(&str, &[u32])] = &[
    ("viridis", &[0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725]),
    ("plasma", &[0x0d0887, 0x41049d, 0x6a00a8, 0x8f0da4, 0xb12a90, 0xcc4778, 0xe16462, 0xf2844b, 0xfca636, 0xfcce25, 0xf0f921]),
    ("inferno", &[0x000004, 0x160b39, 0x420a68, 0x6a176e, 0x932667, 0xbc3754, 0xdd513a, 0xf37819, 0xfca50a, 0xf6d746, 0xfcffa4]),
    ("magma", &[0x000004, 0x140e36, 0x3b0f70, 0x641a80, 0x8c2981, 0xb73779, 0xde4968, 0xf7705c, 0xfe9f6d, 0xfecf92, 0xfcfdbf]),
    ("cividis", &[0x00224e, 0x083370, 0x35456c, 0x4f576c, 0x666970, 0x7d7c78, 0x948e77, 0xaea371, 0xc8b866, 0xe5cf52, 0xfee838]),
    ("gray", &[0x000000, 0xffffff]),
    ("grey", &[0x000000, 0xffffff]),
    ("Greys", &[0xffffff, 0xf0f0f0, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373, 0x525252, 0x252525, 0x000000]),
    ("binary", &[0xffffff, 0x000000]),
    ("hot", &[0x0b0000, 0x800000, 0xf50000, 0xff6a00, 0xffe000, 0xffff60, 0xffffff]),
    ("coolwarm", &[0x3b4cc0, 0x5977e3, 0x7b9ff9, 0x9ebeff, 0xc0d4f5, 0xdddcdc, 0xf2cbb7, 0xf7ac8e, 0xee8468, 0xd65244, 0xb40426]),
    ("bwr", &[0x0000ff, 0xffffff, 0xff0000]),
    ("seismic", &[0x00004c, 0x0000ff, 0xffffff, 0xff0000, 0x7f0000]),
    ("RdBu", &[0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061]),
    ("RdYlBu", &[0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee090, 0xffffbf, 0xe0f3f8, 0xabd9e9, 0x74add1, 0x4575b4, 0x313695]),
    ("RdYlGn", &[0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xd9ef8b, 0xa6d96a, 0x66bd63, 0x1a9850, 0x006837]),
    ("Spectral", &[0x9e0142, 0xd53e4f, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xe6f598, 0xabdda4, 0x66c2a5, 0x3288bd, 0x5e4fa2]),
    ("PiYG", &[0x8e0152, 0xc51b7d, 0xde77ae, 0xf1b6da, 0xfde0ef, 0xf7f7f7, 0xe6f5d0, 0xb8e186, 0x7fbc41, 0x4d9221, 0x276419]),
    ("Blues", &[0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b]),
    ("Reds", &[0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0xa50f15, 0x67000d]),
    ("Greens", &[0xf7fcf5, 0xe5f5e0, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x006d2c, 0x00441b]),
    ("Oranges", &[0xfff5eb, 0xfee6ce, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0xa63603, 0x7f2704]),
    ("Purples", &[0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x54278f, 0x3f007d]),
    ("YlOrRd", &[0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xbd0026, 0x800026]),
    ("YlGnBu", &[0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x253494, 0x081d58]),
    ("jet", &[0x000080, 0x0000ff, 0x0080ff, 0x00ffff, 0x80ff80, 0xffff00, 0xff8000, 0xff0000, 0x800000]),
    ("turbo", &[0x30123b, 0x4662d7, 0x36aaf9, 0x1ae4b6, 0x72fe5e, 0xc8ef34, 0xfaba39, 0xf66b19, 0xcb2a04, 0x7a0403]),
    ("twilight", &[0xe2d9e2, 0x9ebbc9, 0x6785be, 0x5e43a5, 0x421e50, 0x30172f, 0x5a1e3a, 0x9a3c43, 0xc27c62, 0xd5b9a8, 0xe2d9e2]),
];

impl Cmap {
    /// A colormap by name; `_r` reverses any of them.
    pub fn get(name: &str) -> Option<Cmap> {
        let (base, reversed) = match name.strip_suffix("_r") {
            Some(b) => (b, true),
            None => (name, false),
        };
        let (_, stops) = CMAPS.iter().find(|(n, _)| *n == base || n.eq_ignore_ascii_case(base))?;
        Some(Cmap { name: name.to_string(), stops: stops.iter().map(|&h| Rgba::hex(h)).collect(), reversed })
    }
    pub fn viridis() -> Cmap {
        Cmap::get("viridis").unwrap_or_else(|| Cmap { name: "viridis".into(), stops: vec![Rgba::BLACK, Rgba::WHITE], reversed: false })
    }
    /// The names there are, for an error's help.
    pub fn names() -> String {
        CMAPS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
    }
    /// The colour at `t` in 0..=1 (clamped; NaN is transparent).
    pub fn at(&self, t: f64) -> Rgba {
        if t.is_nan() {
            return Rgba(0.0, 0.0, 0.0, 0.0);
        }
        let t = if self.reversed { 1.0 - t.clamp(0.0, 1.0) } else { t.clamp(0.0, 1.0) };
        let n = self.stops.len() - 1;
        let x = t * n as f64;
        let i = (x.floor() as usize).min(n.saturating_sub(1));
        let f = x - i as f64;
        let (a, b) = (self.stops[i], self.stops[(i + 1).min(n)]);
        Rgba(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_strings() {
        let f = parse_fmt("r--").unwrap();
        assert_eq!((f.color, f.dash, f.marker), (Some(Rgba(1.0, 0.0, 0.0, 1.0)), Some(Dash::Dashed), None));
        let f = parse_fmt("o").unwrap();
        assert_eq!((f.dash, f.marker), (Some(Dash::None), Some(Marker::Circle)));
        let f = parse_fmt("C2-.^").unwrap();
        assert_eq!((f.color, f.dash, f.marker), (Some(cycle(2)), Some(Dash::DashDot), Some(Marker::TriUp)));
        assert!(parse_fmt("rz").is_none());
    }

    #[test]
    fn colours() {
        assert_eq!(parse("#f80"), Some(Rgba::hex(0xff8800)));
        assert_eq!(parse("tab:orange"), Some(cycle(1)));
        assert_eq!(parse("0.5"), Some(Rgba::grey(0.5)));
        assert_eq!(parse("C11"), Some(cycle(1)));
        assert!(parse("notacolour").is_none());
        assert_eq!(Cmap::get("viridis_r").unwrap().at(0.0), Rgba::hex(0xfde725));
    }
}
