-- Custom migration (keep when regenerating): a question's evidence became a list of
-- cited passages. Questions stored before hold one object; wrap it in a list of one.
UPDATE `questions` SET `body` = json_set(`body`, '$.evidence', json_array(json_extract(`body`, '$.evidence'))) WHERE json_type(`body`, '$.evidence') = 'object';
