//! The layers of `src/`, kept: reads every source file, finds each `crate::` path (in `use`
//! trees too) and fails on one that points against the order, naming the file and the line.
//! The order is the README's ("Architecture"): the floor at the bottom, the policies beside it,
//! then the features from the shared sinks up to administration. A feature may use the floor,
//! any feature's policy, and the other modules of features in a lower layer; a policy may use
//! only the floor and other policies; the floor uses no feature; nobody but the wiring uses
//! another feature's pages or API handlers. Since every other import points down, a circle is
//! possible only among policies, which the test checks as well.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Shared by every feature: no feature's code, so anything may stand on it.
const FLOOR: &[&str] = &[
    "api",
    "auth",
    "clock",
    "config",
    "db",
    "domain",
    "error",
    "i18n",
    "markdown",
    "references",
    "subjects",
    "telemetry",
    "templates",
    "web",
];

/// Puts every feature together, so it may use anything and nothing uses it.
const WIRING: &[&str] = &["main.rs", "lib.rs", "cli.rs", "startup.rs", "api/mod.rs", "demo/"];

/// Features bottom up. A feature uses only those of lower layers; the first layer holds the
/// shared sinks, which therefore use no feature (what they need comes from their callers).
const LAYERS: &[&[&str]] = &[
    &["mail", "notifications", "search", "votes"],
    &["people"],
    &["communities"],
    &["posts", "tasks"],
    &["amas", "meetings", "moderation", "polls", "qa", "status", "topics"],
    &["feed", "kpi", "newsletters"],
    &["digest", "directory", "privacy"],
    &["jobs", "ops", "settings"],
    &["admin"],
];

/// The parts of a feature that only the wiring may use.
const PAGES: &[&str] = &["routes", "api", "member_routes"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Floor,
    Wiring,
    Policy(&'static str),
    Feature(&'static str, usize),
}

fn feature(name: &str) -> Option<(&'static str, usize)> {
    LAYERS
        .iter()
        .enumerate()
        .find_map(|(layer, names)| names.iter().find(|n| **n == name).map(|n| (*n, layer + 1)))
}

/// What a module path (`posts::service`, `jobs::lease`) belongs to; `None` for a top-level
/// module no layer names.
fn part_of(segments: &[&str]) -> Option<Part> {
    let (first, second) = (segments[0], segments.get(1).copied());
    match (first, second) {
        // The job registry imports every job; its lease and run records are floor.
        ("jobs", Some("lease" | "runs")) => Some(Part::Floor),
        // What a viewer may see of subjects stands beside the policies it is built on.
        ("subjects", Some("visible")) => Some(Part::Policy("subjects")),
        // The API router is wiring; its paging helper is floor.
        ("api", Some("pagination")) => Some(Part::Floor),
        ("api", _) => Some(Part::Wiring),
        ("main" | "lib" | "cli" | "startup" | "demo", _) => Some(Part::Wiring),
        (f, _) if FLOOR.contains(&f) => Some(Part::Floor),
        (f, Some("policy")) => feature(f).map(|(name, _)| Part::Policy(name)),
        (f, _) => feature(f).map(|(name, layer)| Part::Feature(name, layer)),
    }
}

/// The part a source file (relative to `src/`) is in.
fn part_of_file(rel: &str) -> Option<Part> {
    if WIRING
        .iter()
        .any(|w| rel == *w || (w.ends_with('/') && rel.starts_with(w)))
    {
        return Some(Part::Wiring);
    }
    let stem: Vec<&str> = rel.trim_end_matches(".rs").split('/').filter(|s| *s != "mod").collect();
    part_of(&stem)
}

/// The source with comments, strings and character literals blanked (newlines kept, so line
/// numbers hold).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, s: &str| out.extend(s.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
    while i < b.len() {
        let rest = &text[i..];
        let end = if rest.starts_with("//") {
            rest.find('\n').unwrap_or(rest.len())
        } else if rest.starts_with("/*") {
            rest.find("*/").map_or(rest.len(), |e| e + 2)
        } else if let Some((open, hashes)) = raw_string_start(rest, i == 0 || !is_ident(b[i - 1])) {
            let close = format!("\"{}", "#".repeat(hashes));
            rest[open..].find(&close).map_or(rest.len(), |e| open + e + close.len())
        } else if rest.starts_with('"') {
            let mut j = 1;
            while j < rest.len() && rest.as_bytes()[j] != b'"' {
                j += if rest.as_bytes()[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(rest.len())
        } else if let Some(len) = char_literal(rest) {
            len
        } else {
            let c = rest.chars().next().expect("not at the end");
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        blank(&mut out, &rest[..end]);
        i += end;
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `r"`, `r#"`, `br#"`, …: the length of the opening and the number of hashes.
fn raw_string_start(rest: &str, at_token_start: bool) -> Option<(usize, usize)> {
    let after_r = rest.strip_prefix('r').or_else(|| rest.strip_prefix("br"))?;
    let hashes = after_r.bytes().take_while(|c| *c == b'#').count();
    let open = rest.len() - after_r.len() + hashes + 1;
    (at_token_start && after_r.as_bytes().get(hashes) == Some(&b'"')).then_some((open, hashes))
}

/// `'x'` or `'\n'` (not a lifetime): its length.
fn char_literal(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('\'')?;
    let mut chars = inner.char_indices();
    let (_, c) = chars.next()?;
    let after = if c == '\\' {
        inner.get(2..)?.find('\'').map(|e| e + 2)?
    } else {
        chars.next().filter(|(_, c)| *c == '\'').map(|(e, _)| e)?
    };
    Some(after + 2)
}

/// Every path after `crate::` in the code, with its line: `use` trees expanded, so
/// `crate::{a::b, c}` gives `a::b` and `c`.
fn crate_paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let start = from + at;
        from = start + "crate::".len();
        if start > 0 && (is_ident(code.as_bytes()[start - 1]) || code.as_bytes()[start - 1] == b'$') {
            continue;
        }
        let line = code[..start].matches('\n').count() + 1;
        let mut tree = Tree { code, at: from };
        for path in tree.paths(Vec::new()) {
            if !path.is_empty() {
                found.push((line, path));
            }
        }
    }
    found
}

struct Tree<'a> {
    code: &'a str,
    at: usize,
}

impl Tree<'_> {
    fn skip_space(&mut self) {
        while self.code[self.at..].starts_with(|c: char| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        let found = self.code[self.at..].starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_space();
        let len = self.code[self.at..].bytes().take_while(|c| is_ident(*c)).count();
        let ident = &self.code[self.at..self.at + len];
        self.at += len;
        (len > 0).then(|| ident.to_string())
    }

    /// The paths of one tree: `a::b::{c, d::e}`, `a::*`, `a as b`.
    fn paths(&mut self, mut prefix: Vec<String>) -> Vec<Vec<String>> {
        loop {
            if self.eat("{") {
                let mut all = Vec::new();
                loop {
                    if self.eat("}") {
                        return all;
                    }
                    all.extend(self.paths(prefix.clone()));
                    self.eat(",");
                }
            }
            if self.eat("*") {
                return vec![prefix];
            }
            match self.ident() {
                Some(ident) if ident != "self" => prefix.push(ident),
                Some(_) => {}
                None => return vec![prefix],
            }
            if !self.eat("::") {
                return vec![prefix];
            }
        }
    }
}

struct Import {
    file: String,
    line: usize,
    from: Part,
    to: Part,
    path: String,
}

fn imports(src: &Path) -> (Vec<Import>, Vec<String>) {
    let mut files = Vec::new();
    collect(src, &mut files);
    let (mut found, mut unplaced) = (Vec::new(), BTreeSet::new());
    for file in files {
        let rel = file
            .strip_prefix(src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let Some(from) = part_of_file(&rel) else {
            unplaced.insert(format!(
                "src/{rel}: in no layer (add its folder to LAYERS in tests/layers.rs)"
            ));
            continue;
        };
        let code = code_only(&std::fs::read_to_string(&file).expect("readable source"));
        for (line, path) in crate_paths(&code) {
            let segments: Vec<&str> = path.iter().map(String::as_str).collect();
            match part_of(&segments) {
                Some(to) => found.push(Import {
                    file: format!("src/{rel}"),
                    line,
                    from,
                    to,
                    path: path.join("::"),
                }),
                None => {
                    unplaced.insert(format!("src/{rel}:{line}: crate::{} is in no layer", path.join("::")));
                }
            }
        }
    }
    (found, unplaced.into_iter().collect())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable src")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn name(part: Part) -> String {
    match part {
        Part::Floor => "the floor".into(),
        Part::Wiring => "the wiring".into(),
        Part::Policy(f) => format!("{f}'s policy"),
        Part::Feature(f, layer) => format!("{f} (layer {layer})"),
    }
}

fn same_feature(a: Part, b: Part) -> bool {
    let of = |p: Part| match p {
        Part::Policy(f) | Part::Feature(f, _) => Some(f),
        _ => None,
    };
    of(a).is_some() && of(a) == of(b)
}

/// Why `import` breaks the order, if it does.
fn broken(import: &Import) -> Option<&'static str> {
    let page = import.path.split("::").nth(1).is_some_and(|s| PAGES.contains(&s));
    match (import.from, import.to) {
        (Part::Wiring, _) => None,
        (_, Part::Wiring) => Some("only the wiring uses the wiring"),
        (from, to) if same_feature(from, to) => None,
        (_, Part::Feature(..)) if page => Some("nothing but the wiring uses another feature's pages or API"),
        (_, Part::Floor) => None,
        (Part::Floor, _) => Some("the floor uses no feature"),
        (Part::Policy(_), Part::Policy(_)) => None,
        (Part::Policy(_), Part::Feature(..)) => Some("a policy uses only the floor and other policies"),
        (Part::Feature(..), Part::Policy(_)) => None,
        (Part::Feature(_, from), Part::Feature(_, to)) if to < from => None,
        (Part::Feature(..), Part::Feature(..)) => Some("a feature uses only features of lower layers"),
    }
}

#[test]
fn every_import_follows_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (imports, mut problems) = imports(&src);
    assert!(
        imports.len() > 500,
        "too few imports found ({}): is the parser blind?",
        imports.len()
    );
    for import in &imports {
        if let Some(rule) = broken(import) {
            problems.push(format!(
                "{}:{}: {} uses crate::{} ({}): {rule}",
                import.file,
                import.line,
                name(import.from),
                import.path,
                name(import.to)
            ));
        }
    }
    // Policies may use each other, so they alone could form a circle.
    let mut policy_uses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for import in &imports {
        if let (Part::Policy(a), Part::Policy(b)) = (import.from, import.to)
            && a != b
        {
            policy_uses.entry(a).or_default().insert(b);
        }
    }
    for start in policy_uses.keys() {
        if let Some(circle) = circle_from(start, &policy_uses) {
            problems.push(format!("policies in a circle: {}", circle.join(" → ")));
        }
    }
    assert!(
        problems.is_empty(),
        "imports against the layers:\n{}",
        problems.join("\n")
    );
}

/// A path of uses from `start` back to itself, if there is one.
fn circle_from<'a>(start: &'a str, uses: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Option<Vec<&'a str>> {
    let mut stack = vec![vec![start]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = *path.last().expect("never empty");
        for next in uses.get(last).into_iter().flatten() {
            if *next == start {
                let mut circle = path.clone();
                circle.push(start);
                return Some(circle);
            }
            if seen.insert(*next) {
                let mut longer = path.clone();
                longer.push(next);
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn the_parser_reads_use_trees_and_skips_comments_and_strings() {
    let code = code_only(
        "use crate::{posts::service::{self, PostView}, db};\n// crate::admin::x\nlet s = \"crate::ops\";\nlet c = '\"'; let r = r#\"crate::kpi\"#;\nfn f<'a>(x: &'a str) { crate::tasks::policy::may(x) }\n",
    );
    let paths: Vec<(usize, String)> = crate_paths(&code)
        .into_iter()
        .map(|(line, p)| (line, p.join("::")))
        .collect();
    assert_eq!(
        paths,
        vec![
            (1, "posts::service".to_string()),
            (1, "posts::service::PostView".to_string()),
            (1, "db".to_string()),
            (5, "tasks::policy::may".to_string()),
        ]
    );
}

#[test]
fn an_import_upwards_or_of_pages_is_named() {
    let import = |file: &str, path: &str| {
        let segments: Vec<&str> = path.split("::").collect();
        broken(&Import {
            file: file.into(),
            line: 1,
            from: part_of_file(file).expect("placed"),
            to: part_of(&segments).expect("placed"),
            path: path.into(),
        })
    };
    assert!(import("posts/service.rs", "communities::service::find").is_none());
    assert!(import("communities/service.rs", "posts::service::list_in").is_some());
    assert!(import("notifications/service.rs", "posts::policy::readable_by").is_none());
    assert!(import("notifications/service.rs", "posts::service::list_in").is_some());
    assert!(import("digest/run.rs", "newsletters::routes::page").is_some());
    assert!(import("posts/policy.rs", "communities::service::find").is_some());
    assert!(import("db/mod.rs", "posts::service::find").is_some());
    assert!(import("jobs/mod.rs", "digest::run::run").is_none());
    assert!(import("startup.rs", "admin::configure").is_none());
}
