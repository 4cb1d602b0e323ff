"""The Word template shipped with Styrkedja (styrkedja.docx) and the script that makes it."""
