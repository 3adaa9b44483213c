//! A picture of a flow for editors and the security team: every question, where each of
//! its answers leads, and the outcomes, as SVG with real text, so it can be read at any
//! zoom, searched and copied. The layout-rs crate places the boxes and routes (a layered
//! Sugiyama layout, as Graphviz's `dot`); this file only says what the boxes hold and
//! writes the SVG, with colours a stylesheet can change and no inline style or script
//! (pages keep their Content-Security-Policy).

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use signpost_model::flows::words;
use signpost_wizard::Flow;
use std::collections::HashMap;

/// Text inside boxes, in px, and how many characters a line may hold.
const NODE_FONT: f64 = 15.0;
const NODE_LINE: f64 = 20.0;
const NODE_WRAP: usize = 30;
/// Route labels: smaller, narrower.
const LABEL_FONT: f64 = 13.0;
const LABEL_WRAP: usize = 26;
/// layout-rs sizes a route label as (characters × this) by (lines × this) plus padding;
/// about the width of a 13 px character, so labels get the room they take.
const LABEL_MEASURE: usize = 8;
/// Roughly the width of one character of the node text.
const CHAR_WIDTH: f64 = 8.2;

/// The most routes from start to an outcome a diagram is drawn for. layout-rs checks its
/// graph by following every route from every arrow, so its time grows with the number of
/// routes, which doubles with each question in a line of two-way questions: past this, the
/// page lists the questions and where each answer leads instead of drawing them.
const MAX_ROUTES: u64 = 20_000;

/// The diagram as an SVG element, for inline use in a page, or `None` for a flow with more
/// routes than [`MAX_ROUTES`]. `id` prefixes the ids inside it, so two diagrams can share a
/// page.
pub fn svg(flow: &Flow, id: &str) -> Option<String> {
    if routes(flow) > MAX_ROUTES {
        return None;
    }
    Some(draw(flow, id))
}

/// How many routes lead from the start to an outcome, counting each arrow of a question
/// (two routes to one place are two arrows), capped just past [`MAX_ROUTES`]. Flows are
/// checked to have no circles before they are drawn; a question met again on its own way
/// counts as an end, so the count stays finite whatever the flow.
fn routes(flow: &Flow) -> u64 {
    let index: HashMap<&str, usize> = flow
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    // Routes from each question, filled in after all the places it leads to (an explicit
    // stack, not recursion: a flow may be thousands of questions long).
    let mut count: Vec<Option<u64>> = vec![None; flow.questions.len()];
    let mut on_way = vec![false; flow.questions.len()];
    let Some(&first) = index.get(flow.start.as_str()) else {
        return 1;
    };
    let mut stack = vec![(first, false)];
    while let Some((i, done)) = stack.pop() {
        if done {
            let n = flow.questions[i].next.iter().fold(0u64, |n, r| {
                let more = index
                    .get(r.goto.as_str())
                    .map_or(1, |&j| count[j].unwrap_or(1));
                n.saturating_add(more).min(MAX_ROUTES + 1)
            });
            count[i] = Some(n);
            on_way[i] = false;
            continue;
        }
        if count[i].is_some() || on_way[i] {
            continue;
        }
        on_way[i] = true;
        stack.push((i, true));
        for r in &flow.questions[i].next {
            if let Some(&j) = index.get(r.goto.as_str())
                && count[j].is_none()
                && !on_way[j]
            {
                stack.push((j, false));
            }
        }
    }
    count[first].unwrap_or(1)
}

fn draw(flow: &Flow, id: &str) -> String {
    let mut graph = VisualGraph::new(Orientation::TopToBottom);
    let mut nodes = HashMap::new();
    let start = graph.add_node(node("Start", "start"));
    for (i, q) in flow.questions.iter().enumerate() {
        let text = format!("Question {}\n{}", i + 1, wrap(&q.text, NODE_WRAP));
        nodes.insert(q.id.clone(), graph.add_node(node(&text, "question")));
    }
    for o in &flow.outcomes {
        nodes.insert(
            o.id.clone(),
            graph.add_node(node(&wrap(&o.title, NODE_WRAP), "outcome")),
        );
    }
    if let Some(&first) = nodes.get(&flow.start) {
        graph.add_edge(route(""), start, first);
    }
    for q in &flow.questions {
        let several = q.next.len() > 1;
        for r in &q.next {
            let words = match &r.when {
                Some(c) => words::condition(flow, &q.id, c),
                None if several => "any other answer".to_string(),
                None => String::new(),
            };
            if let (Some(&from), Some(&to)) = (nodes.get(&q.id), nodes.get(&r.goto)) {
                graph.add_edge(route(&wrap(&words, LABEL_WRAP)), from, to);
            }
        }
    }
    let mut writer = Writer::default();
    graph.do_it(false, false, false, &mut writer);
    writer.finish(flow, id)
}

/// A box sized for its text (layout-rs would size it by a fixed width per character).
fn node(text: &str, kind: &str) -> Element {
    let lines: Vec<&str> = text.lines().collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    let size = Point::new(
        longest as f64 * CHAR_WIDTH + 32.0,
        lines.len() as f64 * NODE_LINE + 24.0,
    );
    let look = StyleAttr::new(
        layout::core::color::Color::fast("black"),
        2,
        None,
        if kind == "question" { 0 } else { 16 },
        NODE_FONT as usize,
    );
    Element::create_with_properties(
        ShapeKind::new_box(text),
        look,
        Orientation::TopToBottom,
        size,
        kind,
    )
}

fn route(words: &str) -> Arrow {
    let mut arrow = Arrow::simple(words);
    arrow.look.font_size = LABEL_MEASURE;
    arrow
}

/// Breaks text into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

fn num(x: f64) -> String {
    format!("{:.1}", x)
}

/// Collects what layout-rs draws, as SVG.
#[derive(Default)]
struct Writer {
    shapes: String,
    routes: String,
    labels: String,
    width: f64,
    height: f64,
    /// The centre of the box drawn last: layout-rs writes a box's text there next, while a
    /// route's label comes on its own.
    box_center: Option<Point>,
}

impl Writer {
    fn grow(&mut self, x: f64, y: f64) {
        self.width = self.width.max(x + 8.0);
        self.height = self.height.max(y + 8.0);
    }

    fn finish(self, flow: &Flow, id: &str) -> String {
        let title = format!("Diagram of the decision: {}", flow.title);
        format!(
            concat!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-diagram\" ",
                "width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" ",
                "aria-labelledby=\"{id}-title\">\n",
                "<title id=\"{id}-title\">{title}</title>\n",
                "<defs><marker id=\"{id}-arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"10\" ",
                "refY=\"4\" orient=\"auto\"><polygon points=\"0 0, 10 4, 0 8\" fill=\"#0b0c0c\"/></marker></defs>\n",
                "<g class=\"flow-routes\" fill=\"none\" stroke=\"#505a5f\" stroke-width=\"2\">\n{routes}</g>\n",
                "{shapes}",
                "<g class=\"flow-route-labels\" fill=\"#0b0c0c\" font-size=\"{lf}\">\n{labels}</g>\n",
                "</svg>"
            ),
            w = num(self.width),
            h = num(self.height),
            id = escape(id),
            title = escape(&title),
            routes = self.routes.replace("MARKER", &escape(id)),
            shapes = self.shapes,
            labels = self.labels,
            lf = LABEL_FONT,
        )
    }

    fn text(&mut self, center: Point, text: &str, size: f64, line: f64) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let top = center.y - (lines.len() as f64 - 1.0) * line / 2.0;
        let mut out = format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\">",
            num(center.x),
            num(top)
        );
        for (i, l) in lines.iter().enumerate() {
            let dy = if i == 0 { 0.0 } else { line };
            // The first line of a question box ("Question 2") is its number: bold.
            let weight = if i == 0 && l.starts_with("Question ") && size == NODE_FONT {
                " font-weight=\"bold\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<tspan x=\"{}\" dy=\"{}\"{weight}>{}</tspan>",
                num(center.x),
                num(dy),
                escape(l)
            ));
        }
        out.push_str("</text>\n");
        let half = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * size * 0.3;
        self.grow(center.x + half, center.y + lines.len() as f64 * line / 2.0);
        out
    }
}

impl RenderBackend for Writer {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy.x + size.x, xy.y + size.y);
        self.box_center = Some(Point::new(xy.x + size.x / 2.0, xy.y + size.y / 2.0));
        let kind = properties.unwrap_or_default();
        let (fill, stroke) = match kind.as_str() {
            "outcome" => ("#e8f1f8", "#1d70b8"),
            "start" => ("#f3f2f1", "#0b0c0c"),
            _ => ("#ffffff", "#0b0c0c"),
        };
        self.shapes.push_str(&format!(
            "<rect class=\"flow-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>\n",
            escape(&kind),
            num(xy.x),
            num(xy.y),
            num(size.x),
            num(size.y),
            look.rounded,
        ));
    }

    fn draw_line(&mut self, start: Point, stop: Point, _: &StyleAttr, _: Option<String>) {
        self.routes.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
            num(start.x),
            num(start.y),
            num(stop.x),
            num(stop.y)
        ));
    }

    fn draw_circle(&mut self, xy: Point, size: Point, _: &StyleAttr, _: Option<String>) {
        self.grow(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
        self.shapes.push_str(&format!(
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"#ffffff\" stroke=\"#0b0c0c\"/>\n",
            num(xy.x),
            num(xy.y),
            num(size.x / 2.0),
            num(size.y / 2.0)
        ));
    }

    fn draw_text(&mut self, xy: Point, text: &str, _: &StyleAttr) {
        let in_box = self
            .box_center
            .take()
            .is_some_and(|c| (c.x - xy.x).abs() < 0.5 && (c.y - xy.y).abs() < 0.5);
        if !in_box {
            // A route's label: a white backing keeps it readable where routes cross.
            let lines = text.lines().count() as f64;
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
            let (w, h) = (
                longest * LABEL_FONT * 0.55 + 8.0,
                lines * (LABEL_FONT + 3.0) + 4.0,
            );
            self.labels.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" opacity=\"0.9\"/>\n",
                num(xy.x - w / 2.0),
                num(xy.y - h / 2.0),
                num(w),
                num(h)
            ));
            let t = self.text(xy, text, LABEL_FONT, LABEL_FONT + 3.0);
            self.labels.push_str(&t);
        } else {
            let t = self.text(xy, text, NODE_FONT, NODE_LINE);
            self.shapes.push_str(&t.replacen(
                "<text ",
                &format!("<text font-size=\"{NODE_FONT}\" fill=\"#0b0c0c\" "),
                1,
            ));
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _dashed: bool,
        head: (bool, bool),
        _: &StyleAttr,
        _: Option<String>,
        _text: &str,
    ) {
        // As layout-rs's own SVG writer: a cubic curve through the points, with the
        // control points it gives.
        let mut d = format!(
            "M {} {} C {} {}, {} {}, {} {} ",
            num(path[0].0.x),
            num(path[0].0.y),
            num(path[0].1.x),
            num(path[0].1.y),
            num(path[1].0.x),
            num(path[1].0.y),
            num(path[1].1.x),
            num(path[1].1.y)
        );
        for p in path.iter().skip(2) {
            d.push_str(&format!(
                "S {} {}, {} {} ",
                num(p.0.x),
                num(p.0.y),
                num(p.1.x),
                num(p.1.y)
            ));
        }
        for p in path {
            self.grow(p.0.x, p.0.y);
            self.grow(p.1.x, p.1.y);
        }
        let end = if head.1 {
            " marker-end=\"url(#MARKER-arrow)\""
        } else {
            ""
        };
        self.routes
            .push_str(&format!("<path d=\"{}\"{end}/>\n", d.trim_end()));
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
    }

    #[test]
    fn a_long_line_of_two_way_questions_is_not_drawn_but_a_short_one_is() {
        let line = |n: usize| {
            let mut yaml = String::from("id: line\ntitle: Line\nquestions:\n");
            for i in 0..n {
                let next = if i + 1 < n {
                    format!("q{}", i + 1)
                } else {
                    "done".into()
                };
                yaml += &format!(
                    "  - id: q{i}\n    type: yes-no\n    text: Question {i}?\n    next:\n      - when: {{ answer: q{i}, is: yes }}\n        goto: {next}\n      - goto: {next}\n"
                );
            }
            yaml + "outcomes:\n  - id: done\n    title: Done\n    steps: [Finished.]\n"
        };
        let load = |yaml: String| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("flows")).unwrap();
            std::fs::create_dir_all(dir.path().join("data")).unwrap();
            let file = dir.path().join("flows/line.yaml");
            std::fs::write(&file, yaml).unwrap();
            signpost_wizard::load_flow(&file, &dir.path().join("data")).unwrap()
        };
        assert_eq!(routes(&load(line(10))), 1024);
        assert!(svg(&load(line(10)), "d").is_some_and(|svg| svg.contains("Question 10")));
        let long = load(line(5000));
        assert_eq!(routes(&long), MAX_ROUTES + 1);
        assert!(svg(&long, "d").is_none());
    }
}
