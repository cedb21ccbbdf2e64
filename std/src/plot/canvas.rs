//! The drawing surface: a thin layer over a `plotters` drawing area that takes coordinates in
//! figure pixels (f64) and draws at a finer device scale. PNGs are drawn at 3× and averaged down,
//! which anti-aliases every edge, then encoded with no metadata, so the bytes depend only on the
//! picture. SVGs are drawn at 4× inside a `viewBox` of the figure's size, so coordinates keep
//! sub-pixel precision. Text uses DejaVu Sans, embedded in the binary.

use super::color::Rgba;
use base64::Engine;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};
use std::sync::Once;

/// DejaVu Sans (Bitstream Vera licence, see `std/assets/DejaVuSans-LICENSE.txt`).
static FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// The PNG supersampling factor.
const PNG_SS: u32 = 3;
/// The SVG coordinate scale.
const SVG_SCALE: u32 = 4;
/// DejaVu Sans: (ascent + descent) / em, the pixel height `ab_glyph` scales to.
const FONT_HEIGHT_EM: f64 = 1.164;
/// Cap height / em: where the top of a capital sits above the baseline.
pub const CAP: f64 = 0.73;
/// Descent / em.
pub const DESCENT: f64 = 0.236;

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is valid: it is checked in by us. A failure only loses text.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// Horizontal alignment of text at its anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical alignment of text at its anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VAlign {
    Top,
    Center,
    Baseline,
    Bottom,
}

/// Something that draws itself on a canvas of any backend.
pub trait Picture {
    /// The size in pixels.
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, c: &mut Canvas<'_, DB>) -> Result<(), String>;
}

pub struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    scale: f64,
    svg: bool,
    /// SVG elements plotters cannot write (images, groups), each drawn as a placeholder text
    /// and swapped in afterwards: (token, element).
    images: Vec<(String, String)>,
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

fn color(c: Rgba) -> RGBAColor {
    let b = c.bytes();
    RGBAColor(b[0], b[1], b[2], c.3.clamp(0.0, 1.0))
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    fn p(&self, (x, y): (f64, f64)) -> (i32, i32) {
        let q = |v: f64| (v * self.scale).round().clamp(-1e7, 1e7) as i32;
        (q(x), q(y))
    }
    fn w(&self, width: f64) -> u32 {
        (width * self.scale).round().max(1.0) as u32
    }

    /// Whether this canvas makes SVG (whose text the viewer draws).
    pub fn is_svg(&self) -> bool {
        self.svg
    }

    /// Fill the whole canvas.
    pub fn clear(&mut self, c: Rgba) -> Result<(), String> {
        self.area.fill(&color(c)).map_err(err)
    }

    /// A polyline of the given width (figure pixels).
    pub fn polyline(&mut self, pts: &[(f64, f64)], c: Rgba, width: f64) -> Result<(), String> {
        if pts.len() < 2 || c.3 <= 0.0 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = pts.iter().map(|&q| self.p(q)).collect();
        let mut dedup: Vec<(i32, i32)> = Vec::with_capacity(pts.len());
        for q in pts {
            if dedup.last() != Some(&q) {
                dedup.push(q);
            }
        }
        if dedup.len() < 2 {
            return Ok(());
        }
        let style = ShapeStyle::from(color(c)).stroke_width(self.w(width));
        self.area.draw(&PathElement::new(dedup, style)).map_err(err)
    }

    /// A line segment.
    pub fn line(&mut self, a: (f64, f64), b: (f64, f64), c: Rgba, width: f64) -> Result<(), String> {
        self.polyline(&[a, b], c, width)
    }

    /// A filled polygon; `seal` also strokes its edge thinly in the same colour, so polygons that
    /// tile an area (contour bands) leave no hairline gaps between them.
    pub fn polygon(&mut self, pts: &[(f64, f64)], c: Rgba, seal: bool) -> Result<(), String> {
        if pts.len() < 3 || c.3 <= 0.0 {
            return Ok(());
        }
        let q: Vec<(i32, i32)> = pts.iter().map(|&p| self.p(p)).collect();
        self.area.draw(&Polygon::new(q.clone(), color(c).filled())).map_err(err)?;
        if seal {
            let mut closed = q;
            closed.push(closed[0]);
            // A device pixel covers the gaps of a PNG; an SVG viewer anti-aliases both polygons'
            // edges, which needs about half a pixel of overlap.
            let width = if self.svg { self.w(0.6) } else { 1 };
            let style = ShapeStyle::from(color(c)).stroke_width(width);
            self.area.draw(&PathElement::new(closed, style)).map_err(err)?;
        }
        Ok(())
    }

    /// An axis-aligned rectangle, filled and/or outlined.
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Option<Rgba>, stroke: Option<(Rgba, f64)>) -> Result<(), String> {
        let (a, b) = (self.p((x0.min(x1), y0.min(y1))), self.p((x0.max(x1), y0.max(y1))));
        if let Some(f) = fill {
            if f.3 > 0.0 && b.0 > a.0 && b.1 > a.1 {
                // plotters fills both corners inclusively, so rectangles that share an edge overlap
                // by a device pixel rather than leave a gap.
                self.area.draw(&Rectangle::new([a, b], color(f).filled())).map_err(err)?;
            }
        }
        if let Some((s, w)) = stroke {
            let pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
            self.polyline(&pts, s, w)?;
        }
        Ok(())
    }

    /// A circle of radius `r` (figure pixels).
    pub fn circle(&mut self, c: (f64, f64), r: f64, fill: Option<Rgba>, stroke: Option<(Rgba, f64)>) -> Result<(), String> {
        let p = self.p(c);
        let rr = (r * self.scale).round().max(1.0) as u32;
        if let Some(f) = fill {
            self.area.draw(&Circle::new(p, rr, color(f).filled())).map_err(err)?;
        }
        if let Some((s, w)) = stroke {
            let n = 32;
            let pts: Vec<(f64, f64)> = (0..=n).map(|k| {
                let t = k as f64 / n as f64 * std::f64::consts::TAU;
                (c.0 + r * t.cos(), c.1 + r * t.sin())
            }).collect();
            self.polyline(&pts, s, w)?;
        }
        Ok(())
    }

    fn font(&self, em: f64) -> FontDesc<'static> {
        let size = em * self.scale * if self.svg { 1.24 } else { FONT_HEIGHT_EM };
        FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal)
    }

    /// The width of `s` in figure pixels at font size `em` (figure pixels per em).
    pub fn text_width(&self, s: &str, em: f64) -> f64 {
        text_width(s, em)
    }

    /// Draw text with its anchor at `at`; `up` turns it to read bottom to top.
    pub fn text(&mut self, s: &str, at: (f64, f64), em: f64, c: Rgba, (ha, va): (HAlign, VAlign), up: bool) -> Result<(), String> {
        if s.is_empty() {
            return Ok(());
        }
        let w = text_width(s, em);
        let u0 = match ha {
            HAlign::Left => 0.0,
            HAlign::Center => -w / 2.0,
            HAlign::Right => -w,
        };
        let v0 = match va {
            VAlign::Top => CAP * em,
            VAlign::Center => CAP * em / 2.0,
            VAlign::Baseline => 0.0,
            VAlign::Bottom => -DESCENT * em,
        };
        // Where plotters puts the baseline below its anchor, per backend.
        let drop = if self.svg { 0.76 * em } else { 0.5 * FONT_HEIGHT_EM * em };
        let (ux, uy, vx, vy) = if up { (0.0, -1.0, 1.0, 0.0) } else { (1.0, 0.0, 0.0, 1.0) };
        let v = v0 - drop;
        let pos = (at.0 + u0 * ux + v * vx, at.1 + u0 * uy + v * vy);
        let mut font = self.font(em);
        if up {
            font = font.transform(FontTransform::Rotate270);
        }
        let col = color(c);
        let style = TextStyle::from(font).color(&col).pos(Pos::new(HPos::Left, VPos::Top));
        let p = self.p(pos);
        self.area.draw(&Text::new(s.to_string(), p, style)).map_err(err)
    }

    /// Start an SVG group (`<g class="…">`), so that the document says what each part is: an
    /// axes, a line, a legend. Nothing in a PNG.
    pub fn group(&mut self, class: &str) -> Result<(), String> {
        self.placeholder(format!(r#"<g class="{class}">"#))
    }

    /// End the innermost group.
    pub fn end_group(&mut self) -> Result<(), String> {
        self.placeholder("</g>".into())
    }

    /// In SVG, a text element that `svg` swaps for `element` afterwards.
    fn placeholder(&mut self, element: String) -> Result<(), String> {
        if !self.svg {
            return Ok(());
        }
        let token = format!("slope-placeholder-{}", self.images.len());
        self.images.push((token.clone(), element));
        let style = TextStyle::from(self.font(1.0)).color(&BLACK);
        self.area.draw(&Text::new(token, (0, 0), style)).map_err(err)
    }

    /// A raster image (RGBA bytes, `w × h`) stretched over a rectangle, pixels kept square-edged.
    pub fn image(&mut self, (x0, y0, x1, y1): (f64, f64, f64, f64), (w, h): (usize, usize), rgba: &[u8]) -> Result<(), String> {
        if w == 0 || h == 0 {
            return Ok(());
        }
        if self.svg {
            let png = encode_png(w as u32, h as u32, &flatten_rgba(rgba), png::ColorType::Rgb).map_err(err)?;
            let (a, b) = ((x0.min(x1) * self.scale, y0.min(y1) * self.scale), (x0.max(x1) * self.scale, y0.max(y1) * self.scale));
            let el = format!(
                r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,{}"/>"#,
                a.0, a.1, b.0 - a.0, b.1 - a.1,
                base64::engine::general_purpose::STANDARD.encode(png)
            );
            return self.placeholder(el);
        }
        // Nearest-neighbour resampling into device pixels, then a blit.
        let (a, b) = (self.p((x0.min(x1), y0.min(y1))), self.p((x0.max(x1), y0.max(y1))));
        let (dw, dh) = ((b.0 - a.0).max(1) as usize, (b.1 - a.1).max(1) as usize);
        let flip_x = x1 < x0;
        let flip_y = y1 < y0;
        let mut buf = vec![255u8; dw * dh * 3];
        for dy in 0..dh {
            let mut sy = (dy * h) / dh;
            if flip_y {
                sy = h - 1 - sy;
            }
            for dx in 0..dw {
                let mut sx = (dx * w) / dw;
                if flip_x {
                    sx = w - 1 - sx;
                }
                let s = &rgba[(sy * w + sx) * 4..(sy * w + sx) * 4 + 4];
                let alpha = s[3] as u32;
                for k in 0..3 {
                    buf[(dy * dw + dx) * 3 + k] = ((s[k] as u32 * alpha + 255 * (255 - alpha)) / 255) as u8;
                }
            }
        }
        let el = plotters::element::BitMapElement::with_owned_buffer(a, (dw as u32, dh as u32), buf).ok_or("image buffer size mismatch")?;
        self.area.draw(&el).map_err(err)
    }
}

/// RGBA over white, as RGB.
fn flatten_rgba(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks(4).flat_map(|p| {
        let a = p[3] as u32;
        [0, 1, 2].map(|k| ((p[k] as u32 * a + 255 * (255 - a)) / 255) as u8)
    }).collect()
}

/// The width of `s` at font size `em` (any unit: the result is in the same unit).
pub fn text_width(s: &str, em: f64) -> f64 {
    register_font();
    // Measure at a large size for precision, then scale.
    let big = 200.0;
    let font = FontDesc::new(FontFamily::SansSerif, big * FONT_HEIGHT_EM, FontStyle::Normal);
    match font.box_size(s) {
        Ok((w, _)) => w as f64 * em / big,
        Err(_) => s.chars().count() as f64 * 0.6 * em,
    }
}

/// Render a picture as PNG bytes.
pub fn png(pic: &impl Picture) -> Result<Vec<u8>, String> {
    register_font();
    let (w, h) = pic.size();
    let (bw, bh) = (w * PNG_SS, h * PNG_SS);
    let mut big = vec![255u8; (bw * bh * 3) as usize];
    {
        let backend = BitMapBackend::with_buffer(&mut big, (bw, bh));
        let area = backend.into_drawing_area();
        let mut c = Canvas { area: &area, scale: PNG_SS as f64, svg: false, images: Vec::new() };
        pic.draw(&mut c)?;
        area.present().map_err(err)?;
    }
    let small = downsample(&big, w, h, PNG_SS);
    encode_png(w, h, &small, png::ColorType::Rgb).map_err(err)
}

/// Average `ss × ss` blocks.
fn downsample(big: &[u8], w: u32, h: u32, ss: u32) -> Vec<u8> {
    let (w, h, ss) = (w as usize, h as usize, ss as usize);
    let bw = w * ss;
    let mut out = vec![0u8; w * h * 3];
    let n = (ss * ss) as u32;
    for y in 0..h {
        for x in 0..w {
            for k in 0..3 {
                let mut acc = 0u32;
                for dy in 0..ss {
                    let row = (y * ss + dy) * bw;
                    for dx in 0..ss {
                        acc += big[(row + x * ss + dx) * 3 + k] as u32;
                    }
                }
                out[(y * w + x) * 3 + k] = ((acc + n / 2) / n) as u8;
            }
        }
    }
    out
}

/// Encode 8-bit pixels as a PNG with no metadata.
pub fn encode_png(w: u32, h: u32, data: &[u8], ct: png::ColorType) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(ct);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Best);
        let mut wr = enc.write_header()?;
        wr.write_image_data(data)?;
    }
    Ok(out)
}

/// Render a picture as an SVG document.
pub fn svg(pic: &impl Picture) -> Result<String, String> {
    register_font();
    let (w, h) = pic.size();
    let mut s = String::new();
    let images;
    {
        let backend = SVGBackend::with_string(&mut s, (w * SVG_SCALE, h * SVG_SCALE));
        let area = backend.into_drawing_area();
        let mut c = Canvas { area: &area, scale: SVG_SCALE as f64, svg: true, images: Vec::new() };
        pic.draw(&mut c)?;
        images = std::mem::take(&mut c.images);
        area.present().map_err(err)?;
    }
    // Show the figure at its size in pixels, over the finer coordinates.
    let head = format!(r#"width="{}" height="{}""#, w * SVG_SCALE, h * SVG_SCALE);
    let s = s.replacen(&head, &format!(r#"width="{w}" height="{h}""#), 1);
    Ok(replace_placeholders(s, &images))
}

/// Swap each placeholder `<text …>token</text>` for its element.
fn replace_placeholders(mut s: String, images: &[(String, String)]) -> String {
    for (token, el) in images {
        if let Some(k) = s.find(token.as_str()) {
            let start = s[..k].rfind("<text").unwrap_or(k);
            let end = s[k..].find("</text>").map(|e| k + e + "</text>".len()).unwrap_or(k + token.len());
            s.replace_range(start..end, el);
        }
    }
    s
}
