//! The layering DESIGN.md asks for, checked on the source: the services
//! form a graph without cycles (each use case may call those below it,
//! never back up), so a round can be read without one service calling
//! another in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The services a service module names in code (`crate::service::x`,
/// `crate::service::{x, y}`, `super::x`), outside its tests and comments
/// (a doc link is not a call).
fn dependencies(source: &str, services: &BTreeSet<String>) -> BTreeSet<String> {
    let code: String = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or(source)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    for prefix in ["crate::service::", "super::"] {
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

#[test]
fn services_call_each_other_without_cycles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service");
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "rs") && name != "mod" {
            sources.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    let services: BTreeSet<String> = sources.keys().cloned().collect();
    let graph: BTreeMap<&String, BTreeSet<String>> = sources
        .iter()
        .map(|(name, src)| {
            let mut deps = dependencies(src, &services);
            deps.remove(name);
            (name, deps)
        })
        .collect();
    assert!(
        graph[&"stages".to_string()].contains("selection"),
        "the parser sees uses"
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
