-- Search of the public list by name and organisation: an FTS5 index of trigrams, so a search for any
-- part of a name of at least three characters (any script, any letter case) is an index lookup, not a
-- scan of every name. It holds only the rows the public list may show (verified, not hidden, listed),
-- kept by triggers in the same transaction as any change to a signature; the threshold is checked
-- when the list is read, since it depends on the live count. It keeps its own copy of the two fields,
-- so that a delete can remove a row's tokens: with 'secure-delete' a withdrawn or hidden name leaves
-- nothing behind in the index.
CREATE VIRTUAL TABLE `signatures_search` USING fts5(`name`, `organisation`, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `signatures_search` (`signatures_search`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
CREATE TRIGGER `signatures_search_insert` AFTER INSERT ON `signatures`
WHEN NEW.`status` = 'verified' AND NEW.`hidden` = 0 AND NEW.`listed` = 1
BEGIN
  INSERT INTO `signatures_search` (`rowid`, `name`, `organisation`) VALUES (NEW.`id`, NEW.`name`, NEW.`organisation`);
END;
--> statement-breakpoint
-- A withdrawal sets the status and NULLs the fields in one update: the row leaves the index.
CREATE TRIGGER `signatures_search_update` AFTER UPDATE OF `status`, `hidden`, `listed`, `name`, `organisation` ON `signatures`
WHEN (NEW.`status` = 'verified' AND NEW.`hidden` = 0 AND NEW.`listed` = 1) <> (OLD.`status` = 'verified' AND OLD.`hidden` = 0 AND OLD.`listed` = 1)
  OR (NEW.`status` = 'verified' AND NEW.`hidden` = 0 AND NEW.`listed` = 1
      AND (NEW.`name` IS NOT OLD.`name` OR NEW.`organisation` IS NOT OLD.`organisation`))
BEGIN
  DELETE FROM `signatures_search` WHERE `rowid` = OLD.`id`;
  INSERT INTO `signatures_search` (`rowid`, `name`, `organisation`)
  SELECT NEW.`id`, NEW.`name`, NEW.`organisation`
  WHERE NEW.`status` = 'verified' AND NEW.`hidden` = 0 AND NEW.`listed` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_search_delete` AFTER DELETE ON `signatures`
WHEN OLD.`status` = 'verified' AND OLD.`hidden` = 0 AND OLD.`listed` = 1
BEGIN
  DELETE FROM `signatures_search` WHERE `rowid` = OLD.`id`;
END;
--> statement-breakpoint
INSERT INTO `signatures_search` (`rowid`, `name`, `organisation`)
SELECT `id`, `name`, `organisation` FROM `signatures`
WHERE `status` = 'verified' AND `hidden` = 0 AND `listed` = 1;
