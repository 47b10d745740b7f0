-- One word for one thing: a signer confirms (the link, its token and the mail's copy of it say so),
-- and a letter has a status, as a signature does. Renamed in place, so that an existing database's
-- pending confirm links and queued mails keep working.
ALTER TABLE `letters` RENAME COLUMN `state` TO `status`;--> statement-breakpoint
ALTER TABLE `outbox` RENAME COLUMN `verify_token_hash` TO `confirm_token_hash`;--> statement-breakpoint
UPDATE `tokens` SET `purpose` = 'confirm' WHERE `purpose` = 'verify';--> statement-breakpoint
UPDATE `outbox` SET `payload` = json_remove(json_set(`payload`, '$.confirmToken', json_extract(`payload`, '$.verifyToken')), '$.verifyToken')
WHERE json_type(`payload`, '$.verifyToken') IS NOT NULL;
