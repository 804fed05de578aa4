//! Turns `locales/{en,ru,ky}.json` into typed message keys (`i18n::k::HOME_TITLE`) and one
//! static table per language, so a misspelt key is a compile error and no JSON is parsed at run
//! time. Missing translations fall back to English here (with a build warning); the unit test
//! `i18n::tests::locale_files_have_the_same_keys` is what fails on any difference.
use std::{collections::BTreeMap, env, fs, path::Path};

const LOCALES: [&str; 3] = ["en", "ru", "ky"];

/// CLDR plural categories, in the order a plural message's forms are stored (joined by
/// `PLURAL_SEP`); a missing form falls back to `other` at run time.
const PLURAL: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
const PLURAL_SEP: char = '\u{1f}';

/// An object whose keys are all plural categories, `other` among them, is one message.
fn plural_forms(map: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    if !map.contains_key("other") || !map.keys().all(|k| PLURAL.contains(&k.as_str())) {
        return None;
    }
    let forms: Vec<&str> = PLURAL
        .iter()
        .map(|c| map.get(*c).and_then(|v| v.as_str()).unwrap_or(""))
        .collect();
    Some(forms.join(&PLURAL_SEP.to_string()))
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, String>) {
    match v {
        serde_json::Value::Object(map) if plural_forms(map).is_some() => {
            out.insert(prefix.to_string(), plural_forms(map).unwrap_or_default());
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        serde_json::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => panic!("locale value at {prefix} must be a string, found {other}"),
    }
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let mut tables = Vec::new();
    for loc in LOCALES {
        let path = format!("locales/{loc}.json");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut flat = BTreeMap::new();
        flatten("", &json, &mut flat);
        tables.push(flat);
    }
    let keys: Vec<&String> = tables[0].keys().collect();
    let mut out = String::new();
    out.push_str(&format!("pub const KEY_COUNT: usize = {};\n", keys.len()));
    out.push_str(
        "/// Message keys, generated from locales/en.json.\npub mod k {\n    use super::Key;\n",
    );
    for (i, key) in keys.iter().enumerate() {
        let ident = key.replace(['.', '-'], "_").to_uppercase();
        out.push_str(&format!("    pub const {ident}: Key = Key({i});\n"));
    }
    out.push_str("}\n");
    out.push_str(&format!("pub static KEYS: [&str; {}] = [\n", keys.len()));
    for key in &keys {
        out.push_str(&format!("    {key:?},\n"));
    }
    out.push_str("];\n");
    for (loc, table) in LOCALES.iter().zip(&tables) {
        out.push_str(&format!(
            "pub static {}: [&str; {}] = [\n",
            loc.to_uppercase(),
            keys.len()
        ));
        for key in &keys {
            let text = match table.get(*key) {
                Some(t) => t,
                None => {
                    println!("cargo:warning=locales/{loc}.json lacks {key}");
                    &tables[0][*key]
                }
            };
            out.push_str(&format!("    {text:?},\n"));
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("i18n_table.rs");
    fs::write(dest, out).unwrap();
}
