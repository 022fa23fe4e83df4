-- Catalog full-text search (Chinese): an FTS5 table with the trigram tokenizer, so that any run of
-- three or more characters matches inside words; shorter queries are answered with LIKE on the same
-- columns (see app/catalog/search.server.ts). The rowid is the offering's id. Triggers keep it in
-- sync with offerings and with the organization's name; drizzle-kit cannot express virtual tables.
CREATE VIRTUAL TABLE `offerings_fts` USING fts5(title, description, organization, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `offerings_fts` (rowid, title, description, organization)
  SELECT o.id, o.title, o.description, g.name FROM offerings o JOIN organizations g ON g.id = o.organization_id;
--> statement-breakpoint
CREATE TRIGGER `offerings_fts_insert` AFTER INSERT ON `offerings` BEGIN
  INSERT INTO offerings_fts (rowid, title, description, organization)
    VALUES (new.id, new.title, new.description, (SELECT name FROM organizations WHERE id = new.organization_id));
END;
--> statement-breakpoint
CREATE TRIGGER `offerings_fts_update` AFTER UPDATE OF title, description, organization_id ON `offerings` BEGIN
  DELETE FROM offerings_fts WHERE rowid = old.id;
  INSERT INTO offerings_fts (rowid, title, description, organization)
    VALUES (new.id, new.title, new.description, (SELECT name FROM organizations WHERE id = new.organization_id));
END;
--> statement-breakpoint
CREATE TRIGGER `offerings_fts_delete` AFTER DELETE ON `offerings` BEGIN
  DELETE FROM offerings_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `offerings_fts_organization_name` AFTER UPDATE OF name ON `organizations` BEGIN
  UPDATE offerings_fts SET organization = new.name
    WHERE rowid IN (SELECT id FROM offerings WHERE organization_id = new.id);
END;
