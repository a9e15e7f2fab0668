//! The tamper-evident audit chain.
//!
//! Every entry stores the SHA-256 of the previous entry and its own hash over
//! the previous hash plus its content. Editing, inserting or deleting any
//! entry in the middle of the chain by hand breaks a link that
//! [`verify_chain`] finds and names. Cutting entries off the end, or
//! rewriting entries and recomputing every later hash, leaves a valid chain
//! of its own: what reveals that is an [`Anchor`], the head of the chain as
//! it was seen, kept outside the database (a file beside it, every backup's
//! manifest), which [`verify_chain_against`] compares.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The "previous hash" of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry records, everything that goes into its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryContent {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub user_id: Option<i64>,
    pub username: String,
    /// e.g. `round.create`, `login.failed`.
    pub action: String,
    /// e.g. `round`, `user`.
    pub object_type: String,
    pub object_id: Option<String>,
    /// JSON of the values before the change, when there were any.
    pub before: Option<String>,
    /// JSON of the values after the change, when there are any.
    pub after: Option<String>,
}

/// The hash of an entry: SHA-256 over the previous hash and a canonical JSON
/// array of the content, as lowercase hex.
pub fn entry_hash(prev_hash: &str, content: &EntryContent) -> String {
    let canonical = serde_json::to_string(&(
        content.id,
        &content.at,
        content.user_id,
        &content.username,
        &content.action,
        &content.object_type,
        &content.object_id,
        &content.before,
        &content.after,
    ))
    .expect("tuples of strings and integers always serialise");
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An entry as stored: its content and the two hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub content: EntryContent,
    pub prev_hash: String,
    pub hash: String,
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainReport {
    /// Entries checked.
    #[ts(type = "number")]
    pub entries: i64,
    /// The first entry whose link or hash is wrong, if any.
    #[ts(type = "number | null")]
    pub first_broken: Option<i64>,
    /// Why that entry is wrong, in Bahasa Indonesia.
    pub problem: Option<String>,
    /// Hash of the last entry (the chain's head), if any.
    pub last_hash: Option<String>,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// Checks entries in id order: each must point at the previous entry's hash
/// and carry the hash of its own content.
pub fn verify_chain<I: IntoIterator<Item = StoredEntry>>(entries: I) -> ChainReport {
    let mut prev = GENESIS_HASH.to_string();
    let mut count = 0;
    let mut last_id: Option<i64> = None;
    for e in entries {
        count += 1;
        let id = e.content.id;
        let broken = |problem: String| ChainReport {
            entries: count,
            first_broken: Some(id),
            problem: Some(problem),
            last_hash: None,
        };
        if let Some(last) = last_id {
            if id <= last {
                return broken(format!("Nomor catatan {id} tidak urut setelah {last}."));
            }
        }
        if e.prev_hash != prev {
            return broken(format!(
                "Catatan {id} tidak tersambung ke catatan sebelumnya: ada catatan yang dihapus, disisipkan atau diubah."
            ));
        }
        if entry_hash(&e.prev_hash, &e.content) != e.hash {
            return broken(format!(
                "Isi catatan {id} tidak cocok dengan sidik SHA-256-nya: catatan ini diubah."
            ));
        }
        prev = e.hash;
        last_id = Some(id);
    }
    ChainReport {
        entries: count,
        first_broken: None,
        problem: None,
        last_hash: (count > 0).then_some(prev),
    }
}

/// The head of the chain as it was once seen: how many entries, and the
/// last one's hash. A later chain must still hold that entry, by position,
/// with that hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Anchor {
    #[ts(type = "number")]
    pub entries: i64,
    pub hash: String,
    /// When it was taken (RFC 3339).
    pub at: String,
}

/// [`verify_chain`], and the chain must still hold the `anchor`'s entry
/// (its count, its hash): a chain cut short or rewritten from an earlier
/// entry on is reported as broken at the anchored entry.
pub fn verify_chain_against<I: IntoIterator<Item = StoredEntry>>(
    entries: I,
    anchor: Option<&Anchor>,
) -> ChainReport {
    let Some(anchor) = anchor.filter(|a| a.entries > 0) else {
        return verify_chain(entries);
    };
    let mut at_anchor: Option<(i64, String)> = None;
    let mut position = 0;
    let report = verify_chain(entries.into_iter().inspect(|e| {
        position += 1;
        if position == anchor.entries {
            at_anchor = Some((e.content.id, e.hash.clone()));
        }
    }));
    if !report.is_intact() {
        return report;
    }
    let problem = match &at_anchor {
        None => Some((
            None,
            format!(
                "Jejak audit hanya berisi {} catatan, padahal sudah pernah tercatat {} catatan ({}): catatan terakhir dihapus.",
                report.entries, anchor.entries, anchor.at
            ),
        )),
        Some((id, hash)) if *hash != anchor.hash => Some((
            Some(*id),
            format!(
                "Catatan ke-{} tidak sama dengan yang pernah tercatat ({}): jejak audit ditulis ulang.",
                anchor.entries, anchor.at
            ),
        )),
        Some(_) => None,
    };
    match problem {
        None => report,
        Some((id, problem)) => ChainReport {
            entries: report.entries,
            first_broken: Some(id.unwrap_or(report.entries + 1)),
            problem: Some(problem),
            last_hash: None,
        },
    }
}

/// The head of the chain as staff read it: how many entries, and the last
/// one's hash. Official documents print it, and `adhoc audit verify` and
/// the audit screen show it, in the same words ([`ChainHead::text`]), so a
/// printed copy can be held against the chain later ([`check_printed`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainHead {
    #[ts(type = "number")]
    pub entries: i64,
    /// The last entry's hash; `None` for an empty chain.
    pub hash: Option<String>,
    /// "1.234 catatan, hash terakhir 3f9a…" with the full 64 hex digits:
    /// the one spelling every face uses.
    pub text: String,
}

impl ChainHead {
    pub fn new(entries: i64, hash: Option<String>) -> ChainHead {
        let mut text = format!("{} catatan", thousands(entries));
        if let Some(h) = &hash {
            text.push_str(", hash terakhir ");
            text.push_str(h);
        }
        ChainHead {
            entries,
            hash,
            text,
        }
    }

    /// A head typed from a printed document: the count as printed ("1.234")
    /// or plain, the 64 hex digits of the hash in any case, spaces ignored.
    pub fn typed(entries: &str, hash: &str) -> Result<ChainHead> {
        let count: String = entries
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        let entries = count
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                Error::validation(
                    "catatan",
                    "Jumlah catatan ditulis sebagai angka bulat, paling sedikit 1, seperti yang tercetak.",
                )
            })?;
        let hash: String = hash
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::validation(
                "hash",
                "Hash ditulis lengkap: 64 karakter 0-9 dan a-f, seperti yang tercetak.",
            ));
        }
        Ok(ChainHead::new(entries, Some(hash)))
    }
}

/// 1234567 → "1.234.567", as Indonesian writes numbers.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// Holds a head printed on a document against the chain now. `report` is
/// the whole chain's check ([`verify_chain_against`]), returned as it is
/// when already broken; `at_position` is the hash of the chain's
/// `printed.entries`-th entry now (`None`: the chain is shorter). The
/// chain must still hold that entry with the printed hash; it may have
/// grown since.
pub fn check_printed(
    report: ChainReport,
    printed: &ChainHead,
    at_position: Option<&str>,
) -> ChainReport {
    if !report.is_intact() {
        return report;
    }
    let wanted = printed.hash.as_deref().unwrap_or_default();
    let (first_broken, problem) = match at_position {
        Some(now) if now == wanted => return report,
        Some(now) => (
            printed.entries,
            format!(
                "Catatan ke-{} kini ber-hash {now}, bukan {wanted} seperti yang tercetak: bila hash itu diketik dengan benar, jejak audit ditulis ulang sejak dokumen itu dibuat.",
                thousands(printed.entries)
            ),
        ),
        None => (
            report.entries + 1,
            format!(
                "Jejak audit kini hanya berisi {} catatan, padahal dokumen itu mencetak {} catatan: catatan terakhir dihapus (atau jumlahnya salah diketik).",
                thousands(report.entries),
                thousands(printed.entries)
            ),
        ),
    };
    ChainReport {
        entries: report.entries,
        first_broken: Some(first_broken),
        problem: Some(problem),
        last_hash: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(id: i64, action: &str) -> EntryContent {
        EntryContent {
            id,
            at: "2026-11-23T08:00:00+00:00".into(),
            user_id: Some(1),
            username: "admin".into(),
            action: action.into(),
            object_type: "round".into(),
            object_id: Some(id.to_string()),
            before: None,
            after: Some(r#"{"quota":5}"#.into()),
        }
    }

    fn chain(n: i64) -> Vec<StoredEntry> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|id| {
                let c = content(id, "round.create");
                let hash = entry_hash(&prev, &c);
                let e = StoredEntry {
                    content: c,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    /// A chain rebuilt from entry `from` on with other content: valid on
    /// its own, as a script that recomputes every later hash leaves it.
    fn rewritten(n: i64, from: i64) -> Vec<StoredEntry> {
        let mut out = chain(from - 1);
        let mut prev = out
            .last()
            .map_or(GENESIS_HASH.to_string(), |e| e.hash.clone());
        for id in from..=n {
            let c = content(id, "round.delete");
            let hash = entry_hash(&prev, &c);
            out.push(StoredEntry {
                content: c,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            });
            prev = hash;
        }
        out
    }

    fn anchor_of(entries: &[StoredEntry]) -> Anchor {
        Anchor {
            entries: entries.len() as i64,
            hash: entries.last().unwrap().hash.clone(),
            at: "2026-11-23T09:00:00+00:00".into(),
        }
    }

    #[test]
    fn an_anchor_reveals_a_chain_cut_short_or_rewritten_that_verifies_on_its_own() {
        let seen = anchor_of(&chain(5));
        // Grown since: fine.
        assert!(verify_chain_against(chain(7), Some(&seen)).is_intact());
        assert!(verify_chain_against(chain(5), Some(&seen)).is_intact());
        // The last entry deleted: valid alone, short against the anchor.
        assert!(verify_chain(chain(4)).is_intact());
        let cut = verify_chain_against(chain(4), Some(&seen));
        assert_eq!(cut.first_broken, Some(5));
        assert!(cut.problem.unwrap().contains("catatan terakhir dihapus"));
        // Entry 3 rewritten and every later hash recomputed, even with as
        // many entries again.
        assert!(verify_chain(rewritten(6, 3)).is_intact());
        let r = verify_chain_against(rewritten(6, 3), Some(&seen));
        assert_eq!(r.first_broken, Some(5));
        assert!(r.problem.unwrap().contains("ditulis ulang"));
        // No anchor, or an empty one: the chain alone decides.
        assert!(verify_chain_against(chain(2), None).is_intact());
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let r = verify_chain(chain(5));
        assert!(r.is_intact());
        assert_eq!(r.entries, 5);
        assert_eq!(r.last_hash.as_deref(), Some(chain(5)[4].hash.as_str()));
        assert!(verify_chain(Vec::new()).is_intact());
    }

    #[test]
    fn hashes_are_sha256_hex_and_depend_on_every_field() {
        let c = content(1, "round.create");
        let h = entry_hash(GENESIS_HASH, &c);
        assert_eq!(h.len(), 64);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
        let variants = [
            EntryContent {
                at: "2026-11-23T08:00:01+00:00".into(),
                ..c.clone()
            },
            EntryContent {
                user_id: Some(2),
                ..c.clone()
            },
            EntryContent {
                username: "admim".into(),
                ..c.clone()
            },
            EntryContent {
                action: "round.delete".into(),
                ..c.clone()
            },
            EntryContent {
                object_type: "user".into(),
                ..c.clone()
            },
            EntryContent {
                object_id: None,
                ..c.clone()
            },
            EntryContent {
                before: Some("{}".into()),
                ..c.clone()
            },
            EntryContent {
                after: Some(r#"{"quota":6}"#.into()),
                ..c.clone()
            },
        ];
        for v in variants {
            assert_ne!(entry_hash(GENESIS_HASH, &v), h, "{v:?}");
        }
        assert_ne!(entry_hash(&"1".repeat(64), &c), h);
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut entries = chain(5);
        entries[2].content.after = Some(r#"{"quota":9}"#.into());
        let r = verify_chain(entries);
        assert_eq!(r.first_broken, Some(3));
        assert!(r.problem.unwrap().contains("diubah"));
    }

    #[test]
    fn a_deleted_or_inserted_entry_breaks_the_next_link() {
        let mut entries = chain(5);
        entries.remove(1);
        assert_eq!(verify_chain(entries).first_broken, Some(3));

        let mut entries = chain(5);
        let mut forged = entries[1].clone();
        forged.content.id = 10;
        entries.push(forged);
        assert_eq!(verify_chain(entries).first_broken, Some(10));
    }

    #[test]
    fn a_rehashed_edit_still_breaks_the_following_link() {
        // Someone edits entry 2 and recomputes its hash, but not the rest.
        let mut entries = chain(4);
        entries[1].content.username = "orang-lain".into();
        entries[1].hash = entry_hash(&entries[1].prev_hash, &entries[1].content);
        assert_eq!(verify_chain(entries).first_broken, Some(3));
    }

    #[test]
    fn the_head_reads_the_same_everywhere_with_the_full_hash() {
        let c = chain(3);
        let head = ChainHead::new(1234, Some(c[2].hash.clone()));
        assert_eq!(
            head.text,
            format!("1.234 catatan, hash terakhir {}", c[2].hash)
        );
        assert_eq!(ChainHead::new(0, None).text, "0 catatan");
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(1_234_567), "1.234.567");
        // Typed back as printed: the same head.
        let grouped = c[2].hash.to_uppercase().replace("A", " A");
        assert_eq!(ChainHead::typed(" 1.234 ", &grouped).unwrap(), head);
        assert_eq!(ChainHead::typed("1234", &c[2].hash).unwrap(), head);
        for (entries, hash) in [
            ("0", c[2].hash.as_str()),
            ("satu", c[2].hash.as_str()),
            ("3", &c[2].hash[..63]),
            ("3", &format!("{}g", &c[2].hash[..63])),
        ] {
            assert!(ChainHead::typed(entries, hash).is_err(), "{entries} {hash}");
        }
    }

    #[test]
    fn a_printed_head_holds_while_the_chain_only_grows() {
        let printed_chain = chain(3);
        let printed = ChainHead::new(3, Some(printed_chain[2].hash.clone()));
        let grown = chain(5);
        // Still there at position 3, with more entries after it.
        let ok = check_printed(verify_chain(grown.clone()), &printed, Some(&grown[2].hash));
        assert!(ok.is_intact());
        assert_eq!(ok.entries, 5);
        // Rewritten from entry 2 on: another hash at position 3.
        let forged = rewritten(5, 2);
        let r = check_printed(
            verify_chain(forged.clone()),
            &printed,
            Some(&forged[2].hash),
        );
        assert_eq!(r.first_broken, Some(3));
        assert!(r.problem.unwrap().contains("ditulis ulang"));
        // Cut short below the printed count.
        let r = check_printed(verify_chain(chain(2)), &printed, None);
        assert_eq!(r.first_broken, Some(3));
        assert!(r.problem.unwrap().contains("hanya berisi 2 catatan"));
        // A chain broken on its own says so first.
        let mut broken = chain(5);
        broken[1].content.username = "orang-lain".into();
        let r = check_printed(verify_chain(broken), &printed, Some(&grown[2].hash));
        assert_eq!(r.first_broken, Some(2));
    }
}
