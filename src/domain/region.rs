//! Kemendagri region codes and the embedded atlas of every region of Indonesia.
//!
//! A [`RegionCode`] is always well formed once held: 2 digits (provinsi),
//! 4 (kabupaten/kota), 6 (kecamatan) or 10 (desa/kelurahan). It is written
//! with dots for people (`35.14.01.2001`) and accepted with or without them.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The region data derived from `idn-area-data` (see `seeds/README.md`).
const WILAYAH_CSV: &str = include_str!("../../seeds/wilayah.csv");

/// Attribution shown in the About screen, as the ODbL asks.
pub const REGION_DATA_ATTRIBUTION: &str =
    "Data wilayah: idn-area-data 4.0.1 oleh Fityan Ali Nugroho \
     dan kontributor (github.com/fityannugroho/idn-area-data), kode wilayah Kemendagri; \
     dilisensikan di bawah Open Database License (ODbL) 1.0.";

/// Administrative level of a region, from the length of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegionLevel {
    Provinsi,
    Kabupaten,
    Kecamatan,
    Desa,
}

/// Whether a village-level unit is a desa or a kelurahan, read from the first
/// digit of its 4-digit part (2xxx desa, 1xxx kelurahan; anything else is
/// neither by the code alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DesaKind {
    Desa,
    Kelurahan,
    Lainnya,
}

impl DesaKind {
    /// Database and CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DesaKind::Desa => "desa",
            DesaKind::Kelurahan => "kelurahan",
            DesaKind::Lainnya => "lainnya",
        }
    }

    /// Parses the database spelling.
    pub fn from_db(s: &str) -> Option<Self> {
        match s {
            "desa" => Some(DesaKind::Desa),
            "kelurahan" => Some(DesaKind::Kelurahan),
            "lainnya" => Some(DesaKind::Lainnya),
            _ => None,
        }
    }
}

/// A well-formed Kemendagri region code, stored as its digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses `35.14.01.2001` or `3514012001` (and the shorter levels).
    /// Checks the shape only; whether the region exists is [`Atlas::get`]'s job.
    pub fn parse(input: &str) -> Result<Self> {
        let trimmed = input.trim();
        let mut digits = String::with_capacity(10);
        for (i, part) in trimmed.split('.').enumerate() {
            let expected = if i < 3 { 2 } else { 4 };
            let dotted = trimmed.contains('.');
            if dotted && (i > 3 || part.len() != expected) {
                return Err(Error::UnknownRegion(trimmed.to_string()));
            }
            digits.push_str(part);
        }
        let ok_len = matches!(digits.len(), 2 | 4 | 6 | 10);
        if !ok_len || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::UnknownRegion(trimmed.to_string()));
        }
        Ok(RegionCode(digits))
    }

    /// Builds a code from digits read back from the database, where they were
    /// written by this type.
    pub(crate) fn from_trusted(digits: String) -> Self {
        debug_assert!(matches!(digits.len(), 2 | 4 | 6 | 10));
        RegionCode(digits)
    }

    /// The digits, as stored in the database (`3514012001`).
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The level the code names.
    pub fn level(&self) -> RegionLevel {
        match self.0.len() {
            2 => RegionLevel::Provinsi,
            4 => RegionLevel::Kabupaten,
            6 => RegionLevel::Kecamatan,
            _ => RegionLevel::Desa,
        }
    }

    /// The code of the enclosing region, or `None` for a province.
    pub fn parent(&self) -> Option<RegionCode> {
        let len = match self.0.len() {
            4 => 2,
            6 => 4,
            10 => 6,
            _ => return None,
        };
        Some(RegionCode(self.0[..len].to_string()))
    }

    /// Whether `other` lies inside this region (or is it).
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(&self.0)
    }

    /// Desa or kelurahan, for a village-level code.
    pub fn desa_kind(&self) -> Option<DesaKind> {
        if self.0.len() != 10 {
            return None;
        }
        Some(match self.0.as_bytes()[6] {
            b'1' => DesaKind::Kelurahan,
            b'2' => DesaKind::Desa,
            _ => DesaKind::Lainnya,
        })
    }

    /// The dotted form people read (`35.14.01.2001`).
    pub fn dotted(&self) -> String {
        let d = &self.0;
        match d.len() {
            2 => d.clone(),
            4 => format!("{}.{}", &d[..2], &d[2..]),
            6 => format!("{}.{}.{}", &d[..2], &d[2..4], &d[4..]),
            _ => format!("{}.{}.{}.{}", &d[..2], &d[2..4], &d[4..6], &d[6..]),
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted())
    }
}

/// One region of the atlas.
#[derive(Debug, Clone)]
pub struct Region {
    pub code: RegionCode,
    pub name: String,
}

/// Every region of Indonesia, sorted by code so that a region's descendants
/// follow it contiguously.
pub struct Atlas {
    regions: Vec<Region>,
}

/// The atlas embedded in the program, parsed once on first use.
pub fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| {
        Atlas::from_csv(WILAYAH_CSV).expect("embedded seeds/wilayah.csv is generated and valid")
    })
}

impl Atlas {
    /// Parses the `kode,nama` CSV produced by `seeds/build_wilayah.mjs`.
    pub fn from_csv(text: &str) -> Result<Self> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut regions = Vec::with_capacity(92_000);
        for record in reader.records() {
            let record = record.map_err(|e| Error::Internal(format!("data wilayah: {e}")))?;
            let code = RegionCode::parse(&record[0])?;
            regions.push(Region {
                code,
                name: record[1].to_string(),
            });
        }
        regions.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Atlas { regions })
    }

    /// Looks a region up by code.
    pub fn get(&self, code: &RegionCode) -> Option<&Region> {
        self.regions
            .binary_search_by(|r| r.code.cmp(code))
            .ok()
            .map(|i| &self.regions[i])
    }

    /// How a unit is named on screen and on paper: "Kecamatan Purwodadi",
    /// "Desa Gerbo, Kecamatan Purwodadi" (or "Kelurahan ..."). Unknown codes
    /// are shown dotted.
    pub fn unit_label(&self, code: &RegionCode) -> String {
        let name = |c: &RegionCode| self.get(c).map_or_else(|| c.dotted(), |r| r.name.clone());
        match (code.level(), code.parent()) {
            (RegionLevel::Desa, Some(kec)) => {
                let kind = match code.desa_kind() {
                    Some(DesaKind::Kelurahan) => "Kelurahan",
                    _ => "Desa",
                };
                format!("{kind} {}, Kecamatan {}", name(code), name(&kec))
            }
            (RegionLevel::Kecamatan, _) => format!("Kecamatan {}", name(code)),
            _ => name(code),
        }
    }

    /// Every region strictly inside `code`, in code order.
    pub fn descendants(&self, code: &RegionCode) -> &[Region] {
        let start = self.regions.partition_point(|r| r.code <= *code);
        let len = self.regions[start..]
            .iter()
            .take_while(|r| code.contains(&r.code))
            .count();
        &self.regions[start..start + len]
    }

    /// The direct children of `code` (e.g. the kecamatan of a kabupaten).
    pub fn children<'a>(&'a self, code: &RegionCode) -> impl Iterator<Item = &'a Region> + 'a {
        let want = code.0.len() + if code.0.len() == 6 { 4 } else { 2 };
        self.descendants(code)
            .iter()
            .filter(move |r| r.code.0.len() == want)
    }

    /// All regions of one level, in code order.
    pub fn of_level(&self, level: RegionLevel) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(move |r| r.code.level() == level)
    }

    /// Kabupaten/kota whose name or code matches `query` (case-insensitive,
    /// every word must match), in code order, with their province's name.
    pub fn search_kabupaten(&self, query: &str, limit: usize) -> Vec<KabupatenChoice> {
        let words: Vec<String> = query
            .split_whitespace()
            .map(|w| w.to_lowercase().replace('.', ""))
            .collect();
        self.of_level(RegionLevel::Kabupaten)
            .filter(|r| {
                let name = r.name.to_lowercase();
                words
                    .iter()
                    .all(|w| name.contains(w.as_str()) || r.code.0.starts_with(w.as_str()))
            })
            .take(limit)
            .map(|r| self.kabupaten_choice(r))
            .collect()
    }

    fn kabupaten_choice(&self, r: &Region) -> KabupatenChoice {
        let provinsi = r
            .code
            .parent()
            .and_then(|p| self.get(&p))
            .map(|p| p.name.clone())
            .unwrap_or_default();
        KabupatenChoice {
            code: r.code.dotted(),
            name: r.name.clone(),
            provinsi,
        }
    }

    /// Looks a kabupaten/kota up by code, refusing other levels.
    pub fn kabupaten(&self, code: &RegionCode) -> Result<KabupatenChoice> {
        match self.get(code) {
            Some(r) if code.level() == RegionLevel::Kabupaten => Ok(self.kabupaten_choice(r)),
            _ => Err(Error::UnknownRegion(code.dotted())),
        }
    }
}

/// A kabupaten/kota as offered in the first-run picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KabupatenChoice {
    /// Dotted code, e.g. `35.14`.
    pub code: String,
    /// e.g. `Kabupaten Pasuruan`.
    pub name: String,
    /// e.g. `Jawa Timur`.
    pub provinsi: String,
}

impl KabupatenChoice {
    /// The commission as its documents name it:
    /// "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".
    pub fn commission(&self) -> String {
        format!("KOMISI PEMILIHAN UMUM {}", self.name.to_uppercase())
    }

    /// The town of a document's place-and-date line: "Pasuruan".
    pub fn town(&self) -> &str {
        self.name
            .trim_start_matches("Kabupaten ")
            .trim_start_matches("Kota ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kabupaten_or_kota_names_its_commission_and_town() {
        let choice = |name: &str| KabupatenChoice {
            code: "35.14".into(),
            name: name.into(),
            provinsi: "Jawa Timur".into(),
        };
        let kab = choice("Kabupaten Pasuruan");
        assert_eq!(kab.commission(), "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN");
        assert_eq!(kab.town(), "Pasuruan");
        let kota = choice("Kota Pasuruan");
        assert_eq!(kota.commission(), "KOMISI PEMILIHAN UMUM KOTA PASURUAN");
        assert_eq!(kota.town(), "Pasuruan");
    }

    #[test]
    fn parses_dotted_and_plain_codes_alike() {
        let a = RegionCode::parse("35.14.01.2001").unwrap();
        let b = RegionCode::parse(" 3514012001 ").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.digits(), "3514012001");
        assert_eq!(a.dotted(), "35.14.01.2001");
        assert_eq!(a.level(), RegionLevel::Desa);
        assert_eq!(a.parent().unwrap().dotted(), "35.14.01");
        assert_eq!(
            RegionCode::parse("3514").unwrap().level(),
            RegionLevel::Kabupaten
        );
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in [
            "",
            "3",
            "351",
            "35.1",
            "35.14.1",
            "35.14.01.201",
            "3514a1",
            "35-14",
            "35141",
            "35.1401",
            "35.14.01.2001.1",
        ] {
            assert!(
                RegionCode::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn tells_desa_from_kelurahan() {
        let kind = |c: &str| RegionCode::parse(c).unwrap().desa_kind();
        assert_eq!(kind("35.14.01.2001"), Some(DesaKind::Desa));
        assert_eq!(kind("35.75.01.1001"), Some(DesaKind::Kelurahan));
        assert_eq!(kind("35.14.01.3001"), Some(DesaKind::Lainnya));
        assert_eq!(kind("35.14.01"), None);
    }

    #[test]
    fn embedded_atlas_has_every_level_of_indonesia() {
        let a = atlas();
        assert_eq!(a.of_level(RegionLevel::Provinsi).count(), 38);
        assert_eq!(a.of_level(RegionLevel::Kabupaten).count(), 514);
        assert_eq!(a.of_level(RegionLevel::Kecamatan).count(), 7285);
        assert_eq!(a.of_level(RegionLevel::Desa).count(), 83762);
    }

    #[test]
    fn pasuruan_has_24_kecamatan_and_365_desa() {
        let a = atlas();
        let kab = RegionCode::parse("3514").unwrap();
        assert_eq!(a.get(&kab).unwrap().name, "Kabupaten Pasuruan");
        assert_eq!(a.children(&kab).count(), 24);
        let desa = a
            .descendants(&kab)
            .iter()
            .filter(|r| r.code.level() == RegionLevel::Desa)
            .count();
        assert_eq!(desa, 365);
        let kec = RegionCode::parse("35.14.01").unwrap();
        assert!(a
            .children(&kec)
            .all(|d| d.code.level() == RegionLevel::Desa));
        // A neighbour's regions never leak into Pasuruan's range.
        assert!(a.descendants(&kab).iter().all(|r| kab.contains(&r.code)));
    }

    #[test]
    fn names_with_quotes_survive_the_round_trip() {
        let r = atlas()
            .get(&RegionCode::parse("35.13.15.2017").unwrap())
            .unwrap();
        assert_eq!(r.name, "Soka\"an");
    }

    #[test]
    fn kabupaten_search_matches_words_and_codes() {
        let hits = atlas().search_kabupaten("kab pasuruan", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].code, "35.14");
        assert_eq!(hits[0].provinsi, "Jawa Timur");
        let by_code = atlas().search_kabupaten("35.14", 10);
        assert_eq!(by_code[0].name, "Kabupaten Pasuruan");
        assert!(atlas()
            .kabupaten(&RegionCode::parse("35.14.01").unwrap())
            .is_err());
        assert!(atlas()
            .kabupaten(&RegionCode::parse("99.99").unwrap())
            .is_err());
    }
}
