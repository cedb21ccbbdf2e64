//! Contours of a function sampled on a grid: each grid cell is split into two triangles over
//! which the function is taken as linear, so a level line is a segment per triangle and a band
//! between two levels is the triangle clipped by two half-planes (a convex polygon). Exact for
//! the piecewise-linear interpolant, and with no special cases.

/// A point of the plane with the function's value there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct P {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

fn lerp(a: P, b: P, level: f64) -> P {
    let t = if b.z != a.z { (level - a.z) / (b.z - a.z) } else { 0.5 };
    P { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, z: level }
}

/// The two triangles of every grid cell whose corners are all finite.
pub fn triangles(nx: usize, ny: usize, x: &[f64], y: &[f64], z: &[f64]) -> Vec<[P; 3]> {
    let p = |i: usize, j: usize| P { x: x[i * nx + j], y: y[i * nx + j], z: z[i * nx + j] };
    let mut out = Vec::with_capacity(2 * nx * ny);
    for i in 0..ny.saturating_sub(1) {
        for j in 0..nx.saturating_sub(1) {
            let (a, b, c, d) = (p(i, j), p(i, j + 1), p(i + 1, j + 1), p(i + 1, j));
            if [a, b, c, d].iter().all(|q| q.z.is_finite()) {
                out.push([a, b, c]);
                out.push([a, c, d]);
            }
        }
    }
    out
}

/// The segments of the level line `z = level` (points in the plane).
pub fn level_segments(tris: &[[P; 3]], level: f64) -> Vec<[(f64, f64); 2]> {
    let mut out = Vec::new();
    for t in tris {
        let mut pts = Vec::with_capacity(2);
        for k in 0..3 {
            let (a, b) = (t[k], t[(k + 1) % 3]);
            if (a.z < level) != (b.z < level) {
                let q = lerp(a, b, level);
                pts.push((q.x, q.y));
            }
        }
        if pts.len() == 2 {
            out.push([pts[0], pts[1]]);
        }
    }
    out
}

/// Keep the part of a convex polygon where `z >= level` (or `z <= level` when `below`).
fn clip(poly: &[P], level: f64, below: bool) -> Vec<P> {
    let inside = |p: &P| if below { p.z <= level } else { p.z >= level };
    let mut out = Vec::with_capacity(poly.len() + 2);
    for k in 0..poly.len() {
        let (a, b) = (poly[k], poly[(k + 1) % poly.len()]);
        match (inside(&a), inside(&b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(lerp(a, b, level)),
            (false, true) => {
                out.push(lerp(a, b, level));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    out
}

/// The polygons of the band `lo <= z <= hi`, one per triangle that meets it.
pub fn band_polygons(tris: &[[P; 3]], lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for t in tris {
        let (zmin, zmax) = (t[0].z.min(t[1].z).min(t[2].z), t[0].z.max(t[1].z).max(t[2].z));
        if zmax < lo || zmin > hi {
            continue;
        }
        let poly = if zmin >= lo && zmax <= hi { t.to_vec() } else { clip(&clip(t, lo, false), hi, true) };
        if poly.len() >= 3 {
            out.push(poly.iter().map(|p| (p.x, p.y)).collect());
        }
    }
    out
}

/// The filled regions of every band (`levels[k]..levels[k + 1]`) as (band, polygon). Runs of
/// grid cells that lie wholly inside one band along a row of a rectilinear grid become one
/// rectangle; only cells that a level crosses are cut into triangles.
pub fn filled_regions(nx: usize, ny: usize, x: &[f64], y: &[f64], z: &[f64], levels: &[f64]) -> Vec<(usize, Vec<(f64, f64)>)> {
    let nb = levels.len().saturating_sub(1);
    let band_of = |v: f64| -> Option<usize> {
        if !(v >= levels[0] && v <= levels[nb]) {
            return None;
        }
        Some(levels.partition_point(|&l| l <= v).clamp(1, nb) - 1)
    };
    let at = |i: usize, j: usize| i * nx + j;
    let mut out = Vec::new();
    for i in 0..ny.saturating_sub(1) {
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: Option<(usize, usize)>, end: usize, out: &mut Vec<(usize, Vec<(f64, f64)>)>| {
            if let Some((b, j0)) = run {
                let pts = vec![(x[at(i, j0)], y[at(i, j0)]), (x[at(i, end)], y[at(i, end)]), (x[at(i + 1, end)], y[at(i + 1, end)]), (x[at(i + 1, j0)], y[at(i + 1, j0)])];
                out.push((b, pts));
            }
        };
        for j in 0..nx.saturating_sub(1) {
            let corners = [z[at(i, j)], z[at(i, j + 1)], z[at(i + 1, j + 1)], z[at(i + 1, j)]];
            let rect = x[at(i, j)] == x[at(i + 1, j)] && x[at(i, j + 1)] == x[at(i + 1, j + 1)] && y[at(i, j)] == y[at(i, j + 1)] && y[at(i + 1, j)] == y[at(i + 1, j + 1)];
            let (lo, hi) = corners.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
            let uniform = match (band_of(lo), band_of(hi)) {
                (Some(a), Some(b)) if a == b && rect && corners.iter().all(|v| v.is_finite()) => Some(a),
                _ => None,
            };
            match (uniform, run) {
                (Some(b), Some((rb, _))) if b == rb => {}
                (Some(b), _) => {
                    flush(run, j, &mut out);
                    run = Some((b, j));
                }
                (None, _) => {
                    flush(run, j, &mut out);
                    run = None;
                    let tris = triangles(2, 2, &[x[at(i, j)], x[at(i, j + 1)], x[at(i + 1, j)], x[at(i + 1, j + 1)]], &[y[at(i, j)], y[at(i, j + 1)], y[at(i + 1, j)], y[at(i + 1, j + 1)]], &[corners[0], corners[1], corners[3], corners[2]]);
                    for b in 0..nb {
                        for poly in band_polygons(&tris, levels[b], levels[b + 1]) {
                            out.push((b, poly));
                        }
                    }
                }
            }
        }
        flush(run, nx - 1, &mut out);
    }
    out
}

/// matplotlib's automatic levels: nice values between the extremes (`n` bins at most). Filled
/// contours extend the outer levels to cover the data; line contours keep those inside it.
pub fn auto_levels(zmin: f64, zmax: f64, n: usize, filled: bool) -> Vec<f64> {
    let t = super::ticks::nice_step(zmax - zmin, n);
    let mut lo = (zmin / t).floor() * t;
    let mut hi = (zmax / t).ceil() * t;
    if hi <= lo {
        lo -= t;
        hi += t;
    }
    let mut levels = Vec::new();
    let mut k = 0.0;
    while lo + k * t <= hi + t * 1e-9 {
        levels.push(lo + k * t);
        k += 1.0;
    }
    if !filled {
        let inner: Vec<f64> = levels.iter().copied().filter(|&l| l > zmin && l < zmax).collect();
        if !inner.is_empty() {
            return inner;
        }
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The area of a simple polygon (the shoelace formula).
    fn area(poly: &[(f64, f64)]) -> f64 {
        let mut a = 0.0;
        for k in 0..poly.len() {
            let (p, q) = (poly[k], poly[(k + 1) % poly.len()]);
            a += p.0 * q.1 - q.0 * p.1;
        }
        a.abs() / 2.0
    }

    #[test]
    fn a_plane_has_straight_level_lines_and_bands_that_tile_it() {
        // z = x on a 3×3 grid over [0, 2]²: the level 0.5 is the line x = 0.5.
        let (nx, ny) = (3, 3);
        let mut x = vec![];
        let mut y = vec![];
        for i in 0..ny {
            for j in 0..nx {
                x.push(j as f64);
                y.push(i as f64);
            }
        }
        let tris = triangles(nx, ny, &x, &y, &x.clone());
        let segs = level_segments(&tris, 0.5);
        assert!(!segs.is_empty());
        assert!(segs.iter().all(|s| (s[0].0 - 0.5).abs() < 1e-12 && (s[1].0 - 0.5).abs() < 1e-12));
        let total: f64 = band_polygons(&tris, 0.0, 0.5).iter().map(|p| area(p)).sum();
        assert!((total - 1.0).abs() < 1e-12, "band 0..0.5 has area {total}");
        let total: f64 = band_polygons(&tris, 0.5, 2.0).iter().map(|p| area(p)).sum();
        assert!((total - 3.0).abs() < 1e-12);
    }

    #[test]
    fn merged_regions_cover_what_the_triangles_cover() {
        // z = x + y on a 6×5 grid: every band's area is the same either way.
        let (nx, ny) = (6, 5);
        let (mut x, mut y, mut z) = (vec![], vec![], vec![]);
        for i in 0..ny {
            for j in 0..nx {
                x.push(j as f64);
                y.push(i as f64 * 0.5);
                z.push(if j < 3 { 0.2 } else { j as f64 + i as f64 });
            }
        }
        let levels = [0.0, 1.0, 4.0, 10.0];
        let regions = filled_regions(nx, ny, &x, &y, &z, &levels);
        let tris = triangles(nx, ny, &x, &y, &z);
        for b in 0..3 {
            let merged: f64 = regions.iter().filter(|(k, _)| *k == b).map(|(_, p)| area(p)).sum();
            let direct: f64 = band_polygons(&tris, levels[b], levels[b + 1]).iter().map(|p| area(p)).sum();
            assert!((merged - direct).abs() < 1e-9, "band {b}: {merged} vs {direct}");
        }
        // The flat left part is a few rectangles, not 2 triangles per cell.
        assert!(regions.len() < 2 * (nx - 1) * (ny - 1));
    }

    #[test]
    fn levels() {
        assert_eq!(auto_levels(0.0, 1.0, 5, true), [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(auto_levels(-0.9, 0.9, 4, false), [-0.5, 0.0, 0.5]);
    }
}
