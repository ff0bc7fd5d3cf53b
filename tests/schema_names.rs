//! Every type the OpenAPI document describes has a name of its own. utoipa names a schema after
//! the Rust type alone, so two `NewQuestionJson` in two features became one entry and the
//! document described one endpoint with the other's body. This reads `src/` for types that
//! derive `ToSchema` and fails on a name used twice, naming both places.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The schema names `text` declares, with their lines: the type after each `derive` that
/// names `ToSchema`, or the name it is given with `#[schema(as = …)]`.
fn schema_names(text: &str) -> Vec<(usize, String)> {
    let mut names = Vec::new();
    let mut pending: Option<Option<String>> = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("#[derive(") && line.contains("ToSchema") {
            pending = Some(None);
        } else if let (Some(given), Some(rest)) = (pending.as_mut(), line.strip_prefix("#[schema(as = ")) {
            *given = rest.split([')', ',']).next().map(|s| s.trim().to_string());
        } else if pending.is_some() && !line.starts_with("#[") && !line.starts_with("//") {
            let declared = line
                .strip_prefix("pub ")
                .unwrap_or(line)
                .strip_prefix("struct ")
                .or_else(|| line.strip_prefix("pub ").unwrap_or(line).strip_prefix("enum "))
                .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next());
            if let Some(name) = pending.take().flatten().or(declared.map(str::to_string)) {
                names.push((n + 1, name));
            }
        }
    }
    names
}

#[test]
fn no_two_schemas_share_a_name() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let rel = file.strip_prefix(&src).expect("under src").display().to_string();
        for (line, name) in schema_names(&text) {
            seen.entry(name).or_default().push(format!("src/{rel}:{line}"));
        }
    }
    assert!(
        seen.len() > 50,
        "too few schemas found ({}): is the reader blind?",
        seen.len()
    );
    let twice: Vec<String> = seen
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(twice.is_empty(), "schema names used twice:\n{}", twice.join("\n"));
}

#[test]
fn the_reader_finds_derived_and_renamed_schemas() {
    let text = "#[derive(Debug, utoipa::ToSchema)]\n#[serde(rename_all = \"kebab-case\")]\npub struct A {\n}\n#[derive(ToSchema)]\n#[schema(as = B2)]\nenum B { X }\n#[derive(Debug)]\nstruct C;\n";
    assert_eq!(schema_names(text), vec![(3, "A".to_string()), (7, "B2".to_string())]);
}
