-- The count of a letter is its verified, not hidden signatures. These triggers keep letters.signature_count
-- in step with every change to a signature, in the same transaction, whatever statement makes it.
CREATE TRIGGER `signatures_count_insert` AFTER INSERT ON `signatures`
WHEN NEW.`status` = 'verified' AND NEW.`hidden` = 0
BEGIN
  UPDATE `letters`
  SET `signature_count` = `signature_count` + 1,
      `count_updated_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE `id` = NEW.`letter_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_count_update` AFTER UPDATE OF `status`, `hidden` ON `signatures`
WHEN (NEW.`status` = 'verified' AND NEW.`hidden` = 0) <> (OLD.`status` = 'verified' AND OLD.`hidden` = 0)
BEGIN
  UPDATE `letters`
  SET `signature_count` = `signature_count` + (CASE WHEN NEW.`status` = 'verified' AND NEW.`hidden` = 0 THEN 1 ELSE -1 END),
      `count_updated_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE `id` = NEW.`letter_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_count_delete` AFTER DELETE ON `signatures`
WHEN OLD.`status` = 'verified' AND OLD.`hidden` = 0
BEGIN
  UPDATE `letters`
  SET `signature_count` = `signature_count` - 1,
      `count_updated_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE `id` = OLD.`letter_id`;
END;
