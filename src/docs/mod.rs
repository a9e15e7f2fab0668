//! Documents in and out: CSV files staff import, and the lists the app
//! writes as CSV or Excel workbooks (PDFs are in `pdf/`).

pub mod applicants_csv;
pub mod csv_in;
pub mod csv_out;
mod csv_records;
#[doc(hidden)]
pub mod fuzz;
pub mod lists;
pub mod problems;
pub mod scores_csv;
pub mod spreadsheet;
