//! Ranking one unit's candidates (DOMAIN.md, stages 5–8): who passes the
//! written test, and who is Terpilih and Cadangan after the interview.
//!
//! Pure: no I/O. Scores are hundredths of a point (78,5 → 7850) so that
//! ties are exact. Nothing here breaks a tie silently: equal written scores
//! at the cut all pass; in the final ranking ties are broken by the
//! documented rule (final score, then interview, then written score) and a
//! tie that remains across a cut is flagged until the plenary records an
//! order. The order of the input never changes the result.

use std::cmp::Ordering;

use serde::Serialize;
use ts_rs::TS;

use crate::domain::round::ScoreCombination;

/// The highest score: 100,00 points.
pub const MAX_SCORE: u32 = 10_000;

/// What a test gave one applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Hundredths of a point, 0..=10 000.
    Score(u32),
    /// Did not attend: out of the selection.
    Absent,
}

impl Mark {
    fn score(self) -> Option<u32> {
        match self {
            Mark::Score(s) => Some(s),
            Mark::Absent => None,
        }
    }
}

/// Reads a score as staff write it: `78`, `78,5`, `78.50` (at most two
/// decimals, 0–100), or an absence (`absen`, `tidak hadir`, `TH`, `-`).
pub fn parse_mark(text: &str) -> Result<Mark, String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if matches!(
        lower.as_str(),
        "absen" | "tidak hadir" | "tidak_hadir" | "th" | "-"
    ) {
        return Ok(Mark::Absent);
    }
    let wrong = || {
        format!(
            "Nilai \"{}\" tidak dapat dibaca; tulis angka 0–100 dengan paling banyak dua desimal (mis. 78,5), atau \"absen\" bila tidak hadir.",
            crate::domain::text::shown(t)
        )
    };
    if t.is_empty() {
        return Err("Nilai kosong; tulis angka 0–100, atau \"absen\" bila tidak hadir.".into());
    }
    let (whole, frac) = match t.find([',', '.']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    if whole.is_empty()
        || whole.len() > 3
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(wrong());
    }
    let whole: u32 = whole.parse().map_err(|_| wrong())?;
    let mut hundredths: u32 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| wrong())?
    };
    if frac.len() == 1 {
        hundredths *= 10;
    }
    let v = whole * 100 + hundredths;
    if v > MAX_SCORE {
        return Err(format!("Nilai {t} melebihi 100."));
    }
    Ok(Mark::Score(v))
}

/// Hundredths of a point as written in Indonesian: `7850` → `78,50`.
pub fn format_score(v: u32) -> String {
    format!("{},{:02}", v / 100, v % 100)
}

/// A final score (ten-thousandths of a point) as written, with the same
/// number of decimals for every score of a round, so a column lines up:
/// two when the combination keeps whole hundredths (interview alone, or a
/// sum), four under weights, which can leave more (`785530` → `78,5530`,
/// `785000` → `78,5000`). Exact either way: nothing is rounded.
pub fn format_final(v: u64, combination: ScoreCombination) -> String {
    match combination {
        ScoreCombination::Bobot { .. } => format!("{},{:04}", v / 10_000, v % 10_000),
        ScoreCombination::Wawancara | ScoreCombination::Jumlah => {
            format!("{},{:02}", v / 10_000, (v % 10_000) / 100)
        }
    }
}

/// The final score in ten-thousandths of a point, by the round's setting.
pub fn final_score(combination: ScoreCombination, written: u32, interview: u32) -> u64 {
    let (w, i) = (u64::from(written), u64::from(interview));
    match combination {
        ScoreCombination::Wawancara => i * 100,
        ScoreCombination::Jumlah => (w + i) * 100,
        ScoreCombination::Bobot {
            tertulis,
            wawancara,
        } => w * u64::from(tertulis) + i * u64::from(wawancara),
    }
}

/// The numbers that decide a unit's ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub quota: u32,
    /// The best `pass_multiple × quota` go on to the interview.
    pub pass_multiple: u32,
    /// The final ranking lists `final_multiple × quota`.
    pub final_multiple: u32,
    pub combination: ScoreCombination,
    /// Whether to write each place's explanation (lists shown to people);
    /// the quota dashboard only counts, and a national round has a million.
    pub explain: bool,
}

impl Rules {
    /// The explanation, or nothing when none is wanted.
    fn says(&self, text: impl Into<String>) -> String {
        if self.explain {
            text.into()
        } else {
            String::new()
        }
    }
}

/// One applicant of a unit, as the ranking sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    /// Registration sequence: orders applicants whose place is still open
    /// (an unresolved tie), so that the output is reproducible.
    pub seq: i64,
    /// MS in the administrative check.
    pub ms: bool,
    /// Dropped after a founded public response.
    pub dropped: bool,
    pub written: Option<Mark>,
    pub interview: Option<Mark>,
    /// The written result frozen when the written stage closed (`None`
    /// while it is open): then it decides who was interviewed.
    pub passed_written: Option<bool>,
    /// The final result frozen when the final stage closed. After the close
    /// only those announced as Terpilih or Cadangan can hold a place: when
    /// one of them is dropped, the next of them moves up, never someone
    /// outside the announced list.
    pub final_frozen: Option<Status>,
    /// The plenary's position within a tie at a cut.
    pub plenary: Option<u32>,
}

/// Where an applicant stands after a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// Passed the written test (goes on to the interview).
    Lulus,
    Terpilih,
    Cadangan,
    TidakLulus,
    TidakTerpilih,
    TidakHadir,
    /// No score entered yet.
    BelumDinilai,
    /// Not MS in the administrative check.
    Tms,
    /// Dropped after a founded public response.
    Gugur,
    /// Not interviewed (did not pass the written test).
    TidakLanjut,
}

impl Status {
    /// As printed in results and announcements.
    pub fn label(self) -> &'static str {
        match self {
            Status::Lulus => "Lulus",
            Status::Terpilih => "Terpilih",
            Status::Cadangan => "Cadangan",
            Status::TidakLulus => "Tidak lulus",
            Status::TidakTerpilih => "Tidak terpilih",
            Status::TidakHadir => "Tidak hadir",
            Status::BelumDinilai => "Belum dinilai",
            Status::Tms => "TMS",
            Status::Gugur => "Gugur",
            Status::TidakLanjut => "Tidak lanjut",
        }
    }

    /// Database spelling of a frozen result.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Lulus => "lulus",
            Status::Terpilih => "terpilih",
            Status::Cadangan => "cadangan",
            Status::TidakLulus => "tidak_lulus",
            Status::TidakTerpilih => "tidak_terpilih",
            Status::TidakHadir => "tidak_hadir",
            Status::BelumDinilai => "belum_dinilai",
            Status::Tms => "tms",
            Status::Gugur => "gugur",
            Status::TidakLanjut => "tidak_lanjut",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Lulus,
            Status::Terpilih,
            Status::Cadangan,
            Status::TidakLulus,
            Status::TidakTerpilih,
            Status::TidakHadir,
            Status::BelumDinilai,
            Status::Tms,
            Status::Gugur,
            Status::TidakLanjut,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// One applicant's place after a stage, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub id: i64,
    pub status: Status,
    /// Rank by score (equal scores share a rank), when ranked.
    pub rank: Option<u32>,
    /// Place in the list (1, 2, 3, ... with no sharing), when ranked.
    pub position: Option<u32>,
    /// Order among the reserves (1 = first to move up).
    pub reserve: Option<u32>,
    /// The final score, when there is one.
    pub final_score: Option<u64>,
    /// Tied with others across a cut and not yet ordered by the plenary.
    pub unresolved_tie: bool,
    pub explanation: String,
}

/// A unit's ranking after the written test and after the interview.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitRanking {
    /// Every candidate, in the written ranking's order (ranked first, then
    /// the others by registration).
    pub written: Vec<Placed>,
    /// Those who went on to the interview, in final order.
    pub final_: Vec<Placed>,
    /// Candidates without a written score yet (among the MS ones).
    pub written_pending: u32,
    /// Interviewees without an interview score yet.
    pub interview_pending: u32,
    /// Groups still tied across a cut of the final ranking.
    pub unresolved_ties: u32,
}

fn not_ranked(rules: &Rules, c: &Candidate, status: Status, explanation: &str) -> Placed {
    Placed {
        id: c.id,
        status,
        rank: None,
        position: None,
        reserve: None,
        final_score: None,
        unresolved_tie: false,
        explanation: rules.says(explanation),
    }
}

/// Ranks one unit.
pub fn rank_unit(rules: &Rules, candidates: &[Candidate]) -> UnitRanking {
    let mut out = UnitRanking::default();
    let written = rank_written(rules, candidates, &mut out);
    // Interviewed: those who passed (by the frozen result once there is one).
    let passed: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| match c.passed_written {
            Some(p) => p,
            None => written
                .iter()
                .any(|p| p.id == c.id && p.status == Status::Lulus),
        })
        .collect();
    out.written = written;
    out.final_ = rank_final(rules, &passed, &mut out);
    out
}

fn by_seq(cs: &mut [&Candidate]) {
    cs.sort_by_key(|c| (c.seq, c.id));
}

fn rank_written(rules: &Rules, candidates: &[Candidate], out: &mut UnitRanking) -> Vec<Placed> {
    let cut = rules.pass_multiple * rules.quota;
    let mut scored: Vec<(&Candidate, u32)> = Vec::new();
    let mut rest: Vec<&Candidate> = Vec::new();
    for c in candidates {
        // Once the written results are frozen, a candidate dropped later
        // keeps the place the score gave them.
        let in_ranking = !c.dropped || c.passed_written.is_some();
        match (c.ms && in_ranking, c.written) {
            (true, Some(Mark::Score(s))) => scored.push((c, s)),
            _ => rest.push(c),
        }
    }
    scored.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.seq.cmp(&b.0.seq))
            .then(a.0.id.cmp(&b.0.id))
    });
    let n = scored.len() as u32;
    let mut placed = Vec::with_capacity(candidates.len());
    let mut rank = 0;
    for (i, (c, s)) in scored.iter().enumerate() {
        if i == 0 || scored[i - 1].1 != *s {
            rank = i as u32 + 1;
        }
        let pass = c.passed_written.unwrap_or(rank <= cut);
        let last_passing_place = (i as u32) + 1 > cut;
        let explanation = if !rules.explain {
            String::new()
        } else if pass && last_passing_place {
            format!(
                "Nilai tes tertulis {}; peringkat {rank} dari {n} peserta yang hadir, sama dengan nilai di batas lulus (peringkat {cut}); semua yang bernilai sama di batas itu lulus.",
                format_score(*s)
            )
        } else if pass {
            format!(
                "Nilai tes tertulis {}; peringkat {rank} dari {n} peserta yang hadir; yang lulus peringkat 1–{cut} ({} × kuota {}).",
                format_score(*s),
                rules.pass_multiple,
                rules.quota
            )
        } else {
            format!(
                "Nilai tes tertulis {}; peringkat {rank} dari {n} peserta yang hadir; batas lulus peringkat {cut}.",
                format_score(*s)
            )
        };
        let (status, explanation) = if c.dropped {
            (
                Status::Gugur,
                format!("{explanation} Gugur karena tanggapan masyarakat yang terbukti."),
            )
        } else if pass {
            (Status::Lulus, explanation)
        } else {
            (Status::TidakLulus, explanation)
        };
        placed.push(Placed {
            id: c.id,
            status,
            rank: Some(rank),
            position: Some(i as u32 + 1),
            reserve: None,
            final_score: None,
            unresolved_tie: false,
            explanation,
        });
    }
    by_seq(&mut rest);
    for c in rest {
        let p = if c.dropped {
            not_ranked(
                rules,
                c,
                Status::Gugur,
                "Gugur karena tanggapan masyarakat yang terbukti.",
            )
        } else if !c.ms {
            not_ranked(rules, c, Status::Tms, "Tidak memenuhi syarat administrasi.")
        } else if c.written == Some(Mark::Absent) {
            not_ranked(
                rules,
                c,
                Status::TidakHadir,
                "Tidak hadir pada tes tertulis.",
            )
        } else {
            out.written_pending += 1;
            not_ranked(
                rules,
                c,
                Status::BelumDinilai,
                "Nilai tes tertulis belum dimasukkan.",
            )
        };
        placed.push(p);
    }
    placed
}

/// The final ordering key: better first.
fn final_key(rules: &Rules, w: u32, i: u32) -> (u64, u32, u32) {
    (final_score(rules.combination, w, i), i, w)
}

fn rank_final(rules: &Rules, passed: &[&Candidate], out: &mut UnitRanking) -> Vec<Placed> {
    let terpilih = rules.quota;
    let listed = rules.final_multiple * rules.quota;
    let mut scored: Vec<(&Candidate, (u64, u32, u32))> = Vec::new();
    let mut rest: Vec<&Candidate> = Vec::new();
    for c in passed {
        match (c.dropped, c.written.and_then(Mark::score), c.interview) {
            (false, Some(w), Some(Mark::Score(i))) => scored.push((c, final_key(rules, w, i))),
            _ => rest.push(c),
        }
    }
    // Better key first; within a full tie the plenary's order, then the
    // registration order (provisional, flagged below).
    scored.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| match (a.0.plenary, b.0.plenary) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then(a.0.seq.cmp(&b.0.seq))
            .then(a.0.id.cmp(&b.0.id))
    });
    let n = scored.len();
    let mut placed: Vec<Placed> = Vec::with_capacity(passed.len());
    let mut start = 0;
    // Places taken so far (equals the position until the list is frozen).
    let mut slot = 0;
    while start < n {
        let key = scored[start].1;
        let end = start + scored[start..].iter().take_while(|x| x.1 == key).count();
        // Positions start+1 ..= end share the key.
        let group = &scored[start..end];
        let crosses = |cut: u32| (start as u32) < cut && (end as u32) > cut;
        let decided = {
            let mut ps: Vec<u32> = group.iter().filter_map(|x| x.0.plenary).collect();
            ps.sort_unstable();
            ps.dedup();
            ps.len() == group.len()
        };
        let unresolved = group.len() > 1 && (crosses(terpilih) || crosses(listed)) && !decided;
        if unresolved {
            out.unresolved_ties += 1;
        }
        let prev = start.checked_sub(1).map(|i| scored[i].1);
        let next = scored.get(end).map(|x| x.1);
        for (k, (c, (f, i, w))) in group.iter().enumerate() {
            let position = (start + k) as u32 + 1;
            let rank = start as u32 + 1;
            // Places go to the announced list only, once it is frozen.
            let announced = c
                .final_frozen
                .is_none_or(|s| matches!(s, Status::Terpilih | Status::Cadangan));
            if announced {
                slot += 1;
            }
            let status = if !announced {
                Status::TidakTerpilih
            } else if slot <= terpilih {
                Status::Terpilih
            } else if slot <= listed {
                Status::Cadangan
            } else {
                Status::TidakTerpilih
            };
            let explanation = if rules.explain {
                let mut explanation = format!(
                    "Nilai akhir {} (wawancara {}, tertulis {}); peringkat {rank} dari {n}",
                    format_final(*f, rules.combination),
                    format_score(*i),
                    format_score(*w)
                );
                match status {
                    Status::Terpilih => explanation.push_str(&format!("; kuota {terpilih}.")),
                    Status::Cadangan => explanation.push_str(&format!(
                        "; cadangan urutan {} (peringkat {}–{} menjadi cadangan).",
                        slot - terpilih,
                        terpilih + 1,
                        listed
                    )),
                    _ => explanation.push_str(&format!(
                        "; yang diumumkan peringkat 1–{listed} ({} × kuota {terpilih}).",
                        rules.final_multiple
                    )),
                }
                // Say how an equal final score was ordered.
                let same_final = |o: Option<(u64, u32, u32)>| o.is_some_and(|o| o.0 == *f);
                if group.len() > 1 {
                    if unresolved {
                        explanation.push_str(
                            " Nilai akhir, wawancara dan tertulis sama dengan peserta lain di batas; menunggu keputusan rapat pleno (sementara diurutkan menurut nomor pendaftaran).",
                        );
                    } else if decided && (crosses(terpilih) || crosses(listed)) {
                        explanation.push_str(
                            " Nilai sama dengan peserta lain di batas; urutan ditetapkan rapat pleno.",
                        );
                    } else {
                        explanation.push_str(" Nilai sama dengan peserta lain; urutan di antara mereka tidak mengubah hasil.");
                    }
                } else if same_final(prev) || same_final(next) {
                    let by_interview = prev.is_some_and(|o| o.0 == *f && o.1 != *i)
                        || next.is_some_and(|o| o.0 == *f && o.1 != *i);
                    explanation.push_str(if by_interview {
                        " Nilai akhir sama dengan peserta lain; diurutkan menurut nilai wawancara."
                    } else {
                        " Nilai akhir dan wawancara sama dengan peserta lain; diurutkan menurut nilai tertulis."
                    });
                }
                explanation
            } else {
                String::new()
            };
            placed.push(Placed {
                id: c.id,
                status,
                rank: Some(rank),
                position: Some(position),
                reserve: (status == Status::Cadangan).then(|| slot - terpilih),
                final_score: Some(*f),
                unresolved_tie: unresolved,
                explanation,
            });
        }
        start = end;
    }
    by_seq(&mut rest);
    for c in rest {
        let p = if c.dropped {
            not_ranked(
                rules,
                c,
                Status::Gugur,
                "Gugur karena tanggapan masyarakat yang terbukti.",
            )
        } else if c.interview == Some(Mark::Absent) {
            not_ranked(
                rules,
                c,
                Status::TidakHadir,
                "Tidak hadir pada tes wawancara.",
            )
        } else {
            out.interview_pending += 1;
            not_ranked(
                rules,
                c,
                Status::BelumDinilai,
                "Nilai wawancara belum dimasukkan.",
            )
        };
        placed.push(p);
    }
    placed
}

#[cfg(test)]
mod tests;
