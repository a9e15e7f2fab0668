//! Marking paper answer sheets of the written test against a key
//! (DOMAIN.md, stage 5: "many kabupaten test PPS on paper and mark the
//! answer sheets against a key").
//!
//! Pure: no I/O. A test comes in versions (A, B, …), each with its own key
//! of N multiple-choice questions (options A–E). The rules, fixed here so
//! that a mark can be recomputed by hand:
//!
//! - A correct answer earns `points_correct`; a wrong one (or more than one
//!   option marked, `*`) loses `penalty_wrong` (0 allowed); a blank earns 0.
//! - An annulled question (`*` in the key, "soal dianulir") counts as
//!   correct for everyone, blank included: it stays in the maximum, so no
//!   participant loses by it and the scale of the test does not change.
//! - The points are never negative: a total below 0 is clamped to 0 (a mark
//!   is 0–100 in the ranking, see [`MAX_SCORE`]).
//! - Under [`Scale::Seratus`] the mark is `points / max_points × 100`,
//!   rounded half up to hundredths once, in integer arithmetic:
//!   `(points × 20 000 + max) / (2 × max)` hundredths. Under
//!   [`Scale::Poin`] the mark is the points themselves, which is refused
//!   when a version's maximum exceeds 100.
//!
//! A question most participants get wrong often has a wrong key: the
//! analysis gives the share answering correctly per question and flags a
//! share below [`FLAG_BELOW_PERCENT`] % as "periksa kunci".

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::ranking::{format_score, MAX_SCORE};
use crate::domain::text::shown;

/// Questions a key may have.
pub const MAX_QUESTIONS: usize = 200;
/// The options a question offers.
pub const OPTIONS: [char; 5] = ['A', 'B', 'C', 'D', 'E'];
/// Below this share of correct answers a question is flagged.
pub const FLAG_BELOW_PERCENT: u32 = 20;
/// Highest points per correct answer, and per wrong one.
pub const MAX_POINTS: u32 = 100;

/// A test version as staff name it on the sheet: `A`, `B`, `P1`; 1–5
/// letters or digits, in capitals.
pub fn parse_version(text: &str) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    if t.is_empty() {
        return Err("Versi soal kosong.".into());
    }
    if t.len() > 5 || !t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!(
            "Versi soal \"{}\" tidak sah; tulis 1–5 huruf atau angka (mis. A, B, P1).",
            shown(text.trim())
        ));
    }
    Ok(t)
}

/// One question of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyItem {
    /// The correct option, 0 for A … 4 for E.
    Correct(u8),
    /// Annulled: correct for everyone.
    Annulled,
}

/// The key of one version: the correct option of each question in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerKey {
    items: Vec<KeyItem>,
}

impl AnswerKey {
    /// Reads a key as staff type it: one letter A–E per question, `*` for
    /// an annulled question; spaces (groups of five) ignored, any case.
    pub fn parse(text: &str) -> Result<AnswerKey, String> {
        let mut items = Vec::new();
        for (i, c) in text.chars().filter(|c| !c.is_whitespace()).enumerate() {
            let item = match c.to_ascii_uppercase() {
                '*' => KeyItem::Annulled,
                u => match OPTIONS.iter().position(|o| *o == u) {
                    Some(p) => KeyItem::Correct(p as u8),
                    None => {
                        return Err(format!(
                            "Kunci soal {} \"{}\" tidak sah; tulis A–E, atau * untuk soal yang dianulir.",
                            i + 1,
                            shown(&c.to_string())
                        ))
                    }
                },
            };
            items.push(item);
            if items.len() > MAX_QUESTIONS {
                return Err(format!("Kunci berisi lebih dari {MAX_QUESTIONS} soal."));
            }
        }
        if items.is_empty() {
            return Err("Kunci kosong; tulis satu huruf A–E untuk setiap soal.".into());
        }
        Ok(AnswerKey { items })
    }

    /// The key as typed, without spaces: `ABCD*E`.
    pub fn text(&self) -> String {
        self.items
            .iter()
            .map(|i| match i {
                KeyItem::Correct(o) => OPTIONS[*o as usize],
                KeyItem::Annulled => '*',
            })
            .collect()
    }

    /// How many questions.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Never true for a parsed key.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn items(&self) -> &[KeyItem] {
        &self.items
    }
}

/// What a participant wrote for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Blank,
    /// 0 for A … 4 for E.
    Chose(u8),
    /// More than one option marked (`*` from the scanner): wrong.
    Multiple,
}

impl Answer {
    fn of_char(c: char) -> Option<Answer> {
        match c.to_ascii_uppercase() {
            '-' | ' ' => Some(Answer::Blank),
            '*' => Some(Answer::Multiple),
            u => OPTIONS
                .iter()
                .position(|o| *o == u)
                .map(|p| Answer::Chose(p as u8)),
        }
    }

    fn char(self) -> char {
        match self {
            Answer::Blank => '-',
            Answer::Chose(o) => OPTIONS[o as usize],
            Answer::Multiple => '*',
        }
    }
}

/// A problem of an answer: which question (from 1) when it is one
/// question's, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    pub question: Option<usize>,
    pub reason: String,
}

fn bad_letter(question: usize, text: &str) -> AnswerProblem {
    AnswerProblem {
        question: Some(question),
        reason: format!(
            "Jawaban soal {question} \"{}\" tidak sah; tulis A–E, - untuk kosong, atau * untuk jawaban ganda.",
            shown(text)
        ),
    }
}

/// Reads the answers written as one string (`ABCDA-BC`, `-` or a space for
/// a blank, `*` for more than one option marked), any case.
pub fn parse_answers(text: &str) -> Result<Vec<Answer>, AnswerProblem> {
    let text = text.trim_end_matches(['\r', '\n']);
    let mut out = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if i >= MAX_QUESTIONS {
            return Err(AnswerProblem {
                question: None,
                reason: format!("Jawaban berisi lebih dari {MAX_QUESTIONS} soal."),
            });
        }
        out.push(Answer::of_char(c).ok_or_else(|| bad_letter(i + 1, &c.to_string()))?);
    }
    Ok(out)
}

/// Reads the answer of question `question` (from 1) written in a cell of
/// its own: one letter, `-` or empty for a blank, `*` for a double mark.
pub fn parse_answer_cell(question: usize, text: &str) -> Result<Answer, AnswerProblem> {
    let t = text.trim();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Ok(Answer::Blank),
        (Some(c), None) => Answer::of_char(c).ok_or_else(|| bad_letter(question, t)),
        _ => Err(bad_letter(question, t)),
    }
}

/// Answers as stored: one character per question (`AB-C*`).
pub fn answers_text(answers: &[Answer]) -> String {
    answers.iter().map(|a| a.char()).collect()
}

/// How a mark is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Scale {
    /// Points scaled to 0–100.
    #[default]
    Seratus,
    /// The points themselves (the maximum must be at most 100).
    Poin,
}

/// How answers earn points, set per round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MarkingSettings {
    /// Points per correct answer, 1–100.
    pub points_correct: u32,
    /// Points lost per wrong answer, 0–100.
    pub penalty_wrong: u32,
    pub scale: Scale,
}

impl Default for MarkingSettings {
    fn default() -> Self {
        MarkingSettings {
            points_correct: 1,
            penalty_wrong: 0,
            scale: Scale::Seratus,
        }
    }
}

impl MarkingSettings {
    /// Refuses points out of range.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=MAX_POINTS).contains(&self.points_correct) {
            return Err(format!("Poin jawaban benar harus 1–{MAX_POINTS}."));
        }
        if self.penalty_wrong > MAX_POINTS {
            return Err(format!("Pengurangan jawaban salah harus 0–{MAX_POINTS}."));
        }
        Ok(())
    }

    /// The most points a version of `questions` questions gives.
    pub fn max_points(&self, questions: usize) -> u32 {
        self.points_correct * questions as u32
    }

    /// Refuses a scale that cannot hold a version of `questions` questions:
    /// raw points above 100 are no mark.
    pub fn fits(&self, version: &str, questions: usize) -> Result<(), String> {
        let max = self.max_points(questions);
        if self.scale == Scale::Poin && max > MAX_SCORE / 100 {
            return Err(format!(
                "Versi {version}: nilai maksimal {max} poin melebihi 100; pilih nilai skala 0–100, atau kurangi poin jawaban benar."
            ));
        }
        Ok(())
    }
}

/// How one sheet's answers compare with the key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub correct: u32,
    /// Wrong, or more than one option marked.
    pub wrong: u32,
    pub blank: u32,
    pub annulled: u32,
}

/// Counts the answers against the key; refuses answers of another length.
pub fn tally(key: &AnswerKey, answers: &[Answer]) -> Result<Tally, String> {
    if answers.len() != key.len() {
        return Err(wrong_length(key.len(), answers.len()));
    }
    let mut t = Tally::default();
    for (k, a) in key.items.iter().zip(answers) {
        match (k, a) {
            (KeyItem::Annulled, _) => t.annulled += 1,
            (_, Answer::Blank) => t.blank += 1,
            (KeyItem::Correct(c), Answer::Chose(o)) if c == o => t.correct += 1,
            _ => t.wrong += 1,
        }
    }
    Ok(t)
}

/// Why answers of `got` questions do not fit a key of `want`.
pub fn wrong_length(want: usize, got: usize) -> String {
    format!(
        "Jawaban berisi {got} soal, padahal kunci versi ini berisi {want} soal. Tulis - untuk soal yang tidak dijawab (juga di akhir)."
    )
}

/// The points of a tally: correct and annulled earn, wrong lose, never
/// below 0.
pub fn points(t: Tally, s: &MarkingSettings) -> u32 {
    let earned = i64::from(t.correct + t.annulled) * i64::from(s.points_correct);
    let lost = i64::from(t.wrong) * i64::from(s.penalty_wrong);
    (earned - lost).max(0) as u32
}

/// The mark in hundredths of a point, by the setting's scale (see the
/// module's rules). `max` is the version's maximum, at least 1.
pub fn scaled(points: u32, max: u32, scale: Scale) -> u32 {
    match scale {
        Scale::Poin => points * 100,
        Scale::Seratus => {
            let (p, m) = (u64::from(points), u64::from(max.max(1)));
            ((p * u64::from(MAX_SCORE) * 2 + m) / (2 * m)) as u32
        }
    }
}

/// One sheet marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    pub tally: Tally,
    pub points: u32,
    pub max_points: u32,
    /// Hundredths of a point, 0..=[`MAX_SCORE`].
    pub mark: u32,
}

/// Marks one sheet: counts, points, mark.
pub fn mark(key: &AnswerKey, answers: &[Answer], s: &MarkingSettings) -> Result<Marked, String> {
    let tally = tally(key, answers)?;
    let points = points(tally, s);
    let max_points = s.max_points(key.len());
    Ok(Marked {
        tally,
        points,
        max_points,
        mark: scaled(points, max_points, s.scale),
    })
}

/// How one question of a version went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuestionStat {
    pub version: String,
    /// From 1.
    pub question: u32,
    /// `B`, or `*` when annulled.
    pub key: String,
    pub correct: u32,
    pub sheets: u32,
    /// `12,50%`; empty without sheets or for an annulled question.
    pub share: String,
    /// The option chosen most (the first in A–E order on a tie), empty when
    /// every answer was blank.
    pub most_chosen: String,
    /// Fewer than [`FLAG_BELOW_PERCENT`] % answered correctly: check the key.
    pub check: bool,
}

/// The share answering each question of a version correctly, over its
/// `sheets` (each of the key's length).
pub fn analyse(version: &str, key: &AnswerKey, sheets: &[Vec<Answer>]) -> Vec<QuestionStat> {
    let n = sheets.len() as u32;
    key.items
        .iter()
        .enumerate()
        .map(|(q, k)| {
            let mut chosen = [0u32; 5];
            for s in sheets {
                if let Some(Answer::Chose(o)) = s.get(q) {
                    chosen[*o as usize] += 1;
                }
            }
            let most = (0..5)
                .rev()
                .max_by_key(|o| chosen[*o])
                .filter(|o| chosen[*o] > 0);
            let (key_text, correct, share, check) = match k {
                KeyItem::Annulled => ("*".to_string(), n, String::new(), false),
                KeyItem::Correct(c) => {
                    let correct = chosen[*c as usize];
                    let share = if n == 0 {
                        String::new()
                    } else {
                        format!("{}%", format_score(scaled(correct, n, Scale::Seratus)))
                    };
                    let check = n > 0 && correct * 100 < n * FLAG_BELOW_PERCENT;
                    (OPTIONS[*c as usize].to_string(), correct, share, check)
                }
            };
            QuestionStat {
                version: version.to_string(),
                question: q as u32 + 1,
                key: key_text,
                correct,
                sheets: n,
                share,
                most_chosen: most.map(|o| OPTIONS[o].to_string()).unwrap_or_default(),
                check,
            }
        })
        .collect()
}
