-- Tables of wechat-oauth's JDBC stores on MySQL and MariaDB. The names carry the default
-- prefix wechat_; wechat.store.jdbc.table-prefix replaces it when the starter runs this
-- script. utf8mb4_bin keeps every character and compares openids case-sensitively, as
-- WeChat issues them.

CREATE TABLE IF NOT EXISTS wechat_user_token (
	appid VARCHAR(32) NOT NULL,
	openid VARCHAR(128) NOT NULL,
	access_token VARCHAR(2048) NOT NULL,
	expires_in BIGINT NOT NULL,
	refresh_token VARCHAR(2048) NOT NULL,
	scope VARCHAR(512) NOT NULL,
	unionid VARCHAR(128),
	created_at BIGINT NOT NULL,
	snapshot_user BOOLEAN DEFAULT FALSE NOT NULL,
	CONSTRAINT wechat_user_token_pk PRIMARY KEY (appid, openid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Migration of a table made by an earlier version, which lacks snapshot_user. MySQL has no
-- ADD COLUMN IF NOT EXISTS (MariaDB has), so the statement is chosen from the catalog.
SET @wechat_oauth_ddl = (SELECT IF(COUNT(*) = 0,
	'ALTER TABLE wechat_user_token ADD COLUMN snapshot_user BOOLEAN NOT NULL DEFAULT FALSE', 'DO 0')
	FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'wechat_user_token'
	AND column_name = 'snapshot_user');
PREPARE wechat_oauth_statement FROM @wechat_oauth_ddl;
EXECUTE wechat_oauth_statement;
DEALLOCATE PREPARE wechat_oauth_statement;

CREATE TABLE IF NOT EXISTS wechat_shared (
	appid VARCHAR(32) NOT NULL,
	item_key VARCHAR(128) NOT NULL,
	item_value VARCHAR(2048),
	stored_at BIGINT,
	expires_at BIGINT,
	lease_owner VARCHAR(64),
	lease_until BIGINT,
	CONSTRAINT wechat_shared_pk PRIMARY KEY (appid, item_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
