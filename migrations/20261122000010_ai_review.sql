-- An editor's reason when they reject a generated text (the client reads it).
alter table ai_content add column review_note text;
alter table ai_content add constraint ai_content_review_note_length
    check (review_note is null or char_length(review_note) <= 1000);
