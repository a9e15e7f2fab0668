//! Documents in and out: CSV files staff import and the CSV files the app
//! writes (PDFs are in `pdf/`).

pub mod applicants_csv;
pub mod csv_in;
pub mod csv_out;
mod csv_records;
#[doc(hidden)]
pub mod fuzz;
pub mod problems;
pub mod scores_csv;
pub mod spreadsheet;
