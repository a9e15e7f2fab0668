//! Which of an applicant's fields are personal data the audit trail must
//! not keep, and what it records of them instead.
//!
//! UU 27/2022 on personal data protection asks that personal data be
//! processed only as far as its purpose needs (the minimisation principle
//! of Pasal 16 ayat (2)) and lets the person have it corrected or erased.
//! The audit trail is append-only and hash-chained: whatever it holds stays
//! for good, in every backup, and is read by whoever may read the audit.
//! Its purpose is to show who changed which field of which application and
//! when; it does not need the values. So for the fields listed in
//! [`PERSONAL_FIELDS`] it records only that a value was there and that it
//! changed; the applicant's own record keeps the values, where they can be
//! corrected and where the announcements never print them (DOMAIN.md).

use serde_json::{Map, Value};

/// The applicant's personal fields, by the names the registration form and
/// the CSV import use, that the audit trail never records in clear:
///
/// - `nik`: the national identity number, the key to the person's every
///   other record;
/// - `tempat_lahir`, `tanggal_lahir`: place and date of birth, which with
///   the name identify the person (and the date is inside the NIK);
/// - `alamat`: the street address on the KTP;
/// - `telepon`, `email`: contact details;
/// - `disability`: what the test venue must provide, health data and so
///   specific personal data (Pasal 4 ayat (2)).
///
/// Kept in clear, because the auditor must be able to follow them and they
/// say little about the person: the name and sex (printed in the public
/// announcements anyway), the desa codes of the KTP and of the domicile (an
/// area of thousands of people, and what decides the domicile rule) and the
/// reason for a domicile exception, education, occupation, the party
/// statements, previous service and the documents handed over.
pub const PERSONAL_FIELDS: [&str; 7] = [
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "alamat",
    "telepon",
    "email",
    "disability",
];

/// Recorded instead of a personal value that was there before a change.
pub const MASKED: &str = "(disamarkan)";
/// Recorded instead of a personal value that a change put there.
pub const CHANGED: &str = "(diubah)";

/// Whether `field` is one of [`PERSONAL_FIELDS`].
pub fn is_personal(field: &str) -> bool {
    PERSONAL_FIELDS.contains(&field)
}

/// What the audit trail records of `value`: nothing personal. An empty
/// value (none, or a blank text) is recorded as it is, so that filling in
/// or clearing a field can still be told apart; any other value becomes
/// `marker` ([`MASKED`] before a change, [`CHANGED`] after it).
fn masked(value: &Value, marker: &str) -> Value {
    match value {
        Value::Null => Value::Null,
        Value::String(s) if s.trim().is_empty() => Value::String(String::new()),
        Value::String(s) if s == MASKED || s == CHANGED => value.clone(),
        _ => Value::String(marker.to_string()),
    }
}

/// Replaces the value of every personal field of `fields` (see [`masked`]),
/// and does the same in the objects nested in it.
pub fn mask_fields(fields: &mut Map<String, Value>, marker: &str) {
    for (key, value) in fields.iter_mut() {
        if is_personal(key) {
            *value = masked(value, marker);
        } else {
            mask_value(value, marker);
        }
    }
}

/// [`mask_fields`] on every object inside `value`.
pub fn mask_value(value: &mut Value, marker: &str) {
    match value {
        Value::Object(fields) => mask_fields(fields, marker),
        Value::Array(items) => items.iter_mut().for_each(|v| mask_value(v, marker)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn personal_values_become_markers_and_the_rest_stays() {
        let mut v = json!({
            "nik": "3514015208900002",
            "nama": "Siti",
            "telepon": "",
            "email": null,
            "fields": { "alamat": "Dusun Krajan", "kode_desa": "35.14.01.2001" },
            "rows": [{ "tanggal_lahir": "1990-08-12" }],
        });
        mask_value(&mut v, CHANGED);
        assert_eq!(
            v,
            json!({
                "nik": "(diubah)",
                "nama": "Siti",
                "telepon": "",
                "email": null,
                "fields": { "alamat": "(diubah)", "kode_desa": "35.14.01.2001" },
                "rows": [{ "tanggal_lahir": "(diubah)" }],
            })
        );
        // A marker already there is kept, whichever it is.
        let mut before = json!({ "nik": MASKED });
        mask_value(&mut before, CHANGED);
        assert_eq!(before, json!({ "nik": "(disamarkan)" }));
    }

    #[test]
    fn the_list_names_the_fields_of_the_form() {
        let draft = serde_json::to_value(crate::domain::registration::RegistrationDraft::default())
            .unwrap();
        for field in PERSONAL_FIELDS {
            assert!(
                draft.get(field).is_some() || draft["fields"].get(field).is_some(),
                "{field} is not a field of the registration form"
            );
        }
    }
}
