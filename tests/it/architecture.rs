//! The layering DESIGN.md asks for, checked on the source: the services
//! form a graph without cycles (each use case may call those below it,
//! never back up), so a round can be read without one service calling
//! another in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The services a service module's file names in code
/// (`crate::service::x`, `crate::service::{x, y}`, and `super::x` from a
/// top-level file or a folder's `mod.rs`, `super::super::x` from a file
/// inside a folder), outside its tests and comments (a doc link is not a
/// call).
fn dependencies(source: &str, nested: bool, services: &BTreeSet<String>) -> BTreeSet<String> {
    let code: String = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or(source)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let parent = if nested { "super::super::" } else { "super::" };
    let mut found = BTreeSet::new();
    for prefix in ["crate::service::", parent] {
        for (i, _) in code.match_indices(prefix) {
            let rest = &code[i + prefix.len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(0)]
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                    .collect(),
                None => vec![rest
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")],
            };
            found.extend(
                names
                    .into_iter()
                    .filter(|n| services.contains(*n))
                    .map(str::to_string),
            );
        }
    }
    found
}

/// Every `.rs` file of a service module: the file itself, or a folder's
/// files (with whether each sits inside the folder, not its `mod.rs`).
fn module_files(path: &Path) -> Vec<(String, bool)> {
    if path.is_file() {
        return vec![(std::fs::read_to_string(path).unwrap(), false)];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            // Deeper folders would need their own `super::` reading.
            panic!("{} nests a folder; teach this test to read it", p.display());
        }
        if p.extension().is_some_and(|e| e == "rs") {
            let nested = p.file_stem().is_some_and(|s| s != "mod");
            files.push((std::fs::read_to_string(&p).unwrap(), nested));
        }
    }
    files
}

#[test]
fn services_call_each_other_without_cycles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service");
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if (path.is_dir() || path.extension().is_some_and(|e| e == "rs")) && name != "mod" {
            sources.insert(name, module_files(&path));
        }
    }
    let services: BTreeSet<String> = sources.keys().cloned().collect();
    let graph: BTreeMap<&String, BTreeSet<String>> = sources
        .iter()
        .map(|(name, files)| {
            let mut deps = BTreeSet::new();
            for (src, nested) in files {
                deps.extend(dependencies(src, *nested, &services));
            }
            deps.remove(name);
            (name, deps)
        })
        .collect();
    assert!(
        graph[&"stages".to_string()].contains("selection"),
        "the parser sees uses"
    );
    assert!(
        graph[&"publications".to_string()].contains("verification")
            && !graph[&"publications".to_string()].contains("settings"),
        "the parser reads a folder's files, and `super::` inside it is the folder"
    );

    // Depth-first search; a service met again on the current path closes a cycle.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<&String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(&node.to_string()).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for name in graph.keys() {
        if let Some(cycle) = visit(name, &graph, &mut Vec::new(), &mut done) {
            panic!(
                "services call each other in a circle: {}",
                cycle.join(" → ")
            );
        }
    }
}
