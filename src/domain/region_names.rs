//! Kecamatan and desa/kelurahan named the way a spreadsheet names them
//! ("Purwodadi", "Desa Gerbo", "Kel. Pekuncen", "DAWUHAN SENGON"), found
//! within the kabupaten this database serves. A name found once is its
//! code; a name found in several kecamatan is refused with every
//! candidate listed (a column of kecamatan settles it), never guessed.
//! A value that is already a code is passed on for validation to check.

use std::collections::HashMap;

use crate::domain::region::{atlas, RegionCode, RegionLevel};
use crate::domain::text::shown;

/// The names of one kabupaten's kecamatan and desa, indexed.
#[derive(Debug)]
pub struct RegionNames {
    kabupaten_name: String,
    kecamatan: HashMap<String, Vec<RegionCode>>,
    desa: HashMap<String, Vec<RegionCode>>,
}

/// A region name as compared: lower case, letters and digits only, without
/// the words "desa", "kelurahan", "kecamatan" or their short forms in front.
fn key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let mut rest = lower.as_str();
    for prefix in [
        "kecamatan ",
        "kec. ",
        "kec.",
        "kec ",
        "kelurahan ",
        "kel. ",
        "kel.",
        "kel ",
        "desa ",
        "ds. ",
        "ds.",
        "ds ",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    rest.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether a value is written as a code (digits and dots only).
fn is_code(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.')
}

impl RegionNames {
    /// The index of `kabupaten`'s regions.
    pub fn of(kabupaten: &RegionCode) -> RegionNames {
        let mut kecamatan: HashMap<String, Vec<RegionCode>> = HashMap::new();
        let mut desa: HashMap<String, Vec<RegionCode>> = HashMap::new();
        for r in atlas().descendants(kabupaten) {
            let map = match r.code.level() {
                RegionLevel::Kecamatan => &mut kecamatan,
                RegionLevel::Desa => &mut desa,
                _ => continue,
            };
            map.entry(key(&r.name)).or_default().push(r.code.clone());
        }
        RegionNames {
            kabupaten_name: atlas()
                .get(kabupaten)
                .map_or_else(|| kabupaten.dotted(), |r| r.name.clone()),
            kecamatan,
            desa,
        }
    }

    /// The kecamatan named or coded `value`: a code is returned as
    /// written, a name as the dotted code of the one kecamatan so named.
    pub fn kecamatan(&self, value: &str) -> Result<String, String> {
        if value.trim().is_empty() || is_code(value) {
            return Ok(value.trim().to_string());
        }
        match self.kecamatan.get(&key(value)).map(Vec::as_slice) {
            Some([one]) => Ok(one.dotted()),
            Some(many) if !many.is_empty() => Err(self.ambiguous("Kecamatan", value, many)),
            _ => Err(format!(
                "Kecamatan \"{}\" tidak ada di {}. Tulis nama kecamatan seperti di daftar wilayah, atau kodenya (contoh: 35.14.01).",
                shown(value),
                self.kabupaten_name
            )),
        }
    }

    /// The desa/kelurahan named or coded `value`, looked for within
    /// `kecamatan` when it is known (a code, as [`Self::kecamatan`] gives
    /// it), else within the whole kabupaten.
    pub fn desa(&self, value: &str, kecamatan: Option<&str>) -> Result<String, String> {
        if value.trim().is_empty() || is_code(value) {
            return Ok(value.trim().to_string());
        }
        let within = kecamatan
            .and_then(|k| RegionCode::parse(k).ok())
            .filter(|k| k.level() == RegionLevel::Kecamatan);
        let found: Vec<&RegionCode> = self
            .desa
            .get(&key(value))
            .map(|codes| {
                codes
                    .iter()
                    .filter(|c| within.as_ref().is_none_or(|k| k.contains(c)))
                    .collect()
            })
            .unwrap_or_default();
        match found[..] {
            [one] => Ok(one.dotted()),
            [] => {
                let place = within
                    .as_ref()
                    .map_or_else(|| self.kabupaten_name.clone(), |k| atlas().unit_label(k));
                Err(format!(
                    "Desa/kelurahan \"{}\" tidak ada di {place}. Tulis nama seperti di daftar wilayah; desa di luar {} ditulis dengan kodenya (contoh: 35.07.01.2001).",
                    shown(value),
                    self.kabupaten_name
                ))
            }
            _ => {
                let many: Vec<RegionCode> = found.into_iter().cloned().collect();
                Err(self.ambiguous("Desa/kelurahan", value, &many))
            }
        }
    }

    fn ambiguous(&self, what: &str, value: &str, codes: &[RegionCode]) -> String {
        let listed: Vec<String> = codes
            .iter()
            .take(10)
            .map(|c| {
                let kec = c
                    .parent()
                    .filter(|p| p.level() == RegionLevel::Kecamatan)
                    .map(|p| atlas().unit_label(&p))
                    .map_or(String::new(), |l| format!(", {l}"));
                format!("{}{kec}", c.dotted())
            })
            .collect();
        format!(
            "{what} \"{}\" ada lebih dari satu di {}: {}. Petakan juga kolom kecamatan, atau tulis kodenya.",
            shown(value),
            self.kabupaten_name,
            listed.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pasuruan() -> RegionNames {
        RegionNames::of(&RegionCode::parse("3514").unwrap())
    }

    #[test]
    fn names_are_found_however_they_are_written() {
        let names = pasuruan();
        assert_eq!(names.kecamatan("Purwodadi").unwrap(), "35.14.01");
        assert_eq!(names.kecamatan("KEC. TUTUR").unwrap(), "35.14.02");
        assert_eq!(names.kecamatan("35.14.01").unwrap(), "35.14.01");
        assert_eq!(names.desa("Gerbo", None).unwrap(), "35.14.01.2001");
        assert_eq!(names.desa("Desa GERBO", None).unwrap(), "35.14.01.2001");
        assert_eq!(
            names.desa("Dawuhan Sengon", Some("35.14.01")).unwrap(),
            "35.14.01.2002"
        );
        // A code is passed on as written, for validation to check.
        assert_eq!(names.desa("3514012001", None).unwrap(), "3514012001");
    }

    #[test]
    fn a_name_in_several_kecamatan_lists_them_and_a_kecamatan_settles_it() {
        let names = pasuruan();
        // "Purwodadi" is a desa of Kecamatan Purwodadi; "Tutur" of Tutur;
        // find a desa name used in two kecamatan of the kabupaten.
        let twice = names
            .desa
            .iter()
            .find(|(_, codes)| codes.len() > 1)
            .map(|(k, codes)| (k.clone(), codes.clone()))
            .expect("Kabupaten Pasuruan has desa names used twice");
        let e = names.desa(&twice.0, None).unwrap_err();
        assert!(e.contains("lebih dari satu"), "{e}");
        for c in &twice.1 {
            assert!(e.contains(&c.dotted()), "{e}");
        }
        let kec = twice.1[1].parent().unwrap().dotted();
        assert_eq!(
            names.desa(&twice.0, Some(&kec)).unwrap(),
            twice.1[1].dotted()
        );
    }

    #[test]
    fn unknown_names_say_where_they_were_looked_for() {
        let names = pasuruan();
        let e = names.kecamatan("Klojen").unwrap_err();
        assert!(e.contains("Kabupaten Pasuruan"), "{e}");
        let e = names.desa("Gerbo", Some("35.14.02")).unwrap_err();
        assert!(e.contains("Kecamatan Tutur"), "{e}");
    }
}
