-- The triggers now keep two numbers per letter: signature_count (verified, not hidden) and listed_count
-- (of those, the ones listed publicly), in the same transaction as any change to a signature.
DROP TRIGGER `signatures_count_insert`;
--> statement-breakpoint
DROP TRIGGER `signatures_count_update`;
--> statement-breakpoint
DROP TRIGGER `signatures_count_delete`;
--> statement-breakpoint
CREATE TRIGGER `signatures_count_insert` AFTER INSERT ON `signatures`
WHEN NEW.`status` = 'verified' AND NEW.`hidden` = 0
BEGIN
  UPDATE `letters`
  SET `signature_count` = `signature_count` + 1,
      `listed_count` = `listed_count` + (NEW.`listed` = 1),
      `count_updated_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE `id` = NEW.`letter_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_count_update` AFTER UPDATE OF `status`, `hidden`, `listed` ON `signatures`
WHEN (NEW.`status` = 'verified' AND NEW.`hidden` = 0) <> (OLD.`status` = 'verified' AND OLD.`hidden` = 0)
  OR (NEW.`status` = 'verified' AND NEW.`hidden` = 0 AND NEW.`listed` = 1) <> (OLD.`status` = 'verified' AND OLD.`hidden` = 0 AND OLD.`listed` = 1)
BEGIN
  UPDATE `letters`
  SET `signature_count` = `signature_count`
        + (NEW.`status` = 'verified' AND NEW.`hidden` = 0) - (OLD.`status` = 'verified' AND OLD.`hidden` = 0),
      `listed_count` = `listed_count`
        + (NEW.`status` = 'verified' AND NEW.`hidden` = 0 AND NEW.`listed` = 1)
        - (OLD.`status` = 'verified' AND OLD.`hidden` = 0 AND OLD.`listed` = 1),
      `count_updated_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE `id` = NEW.`letter_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_count_delete` AFTER DELETE ON `signatures`
WHEN OLD.`status` = 'verified' AND OLD.`hidden` = 0
BEGIN
  UPDATE `letters`
  SET `signature_count` = `signature_count` - 1,
      `listed_count` = `listed_count` - (OLD.`listed` = 1),
      `count_updated_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE `id` = OLD.`letter_id`;
END;
--> statement-breakpoint
UPDATE `letters` SET `listed_count` = (
  SELECT count(*) FROM `signatures` s
  WHERE s.`letter_id` = `letters`.`id` AND s.`status` = 'verified' AND s.`hidden` = 0 AND s.`listed` = 1
);
