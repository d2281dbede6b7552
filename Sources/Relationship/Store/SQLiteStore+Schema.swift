extension SQLiteStore {
    /// The schema, one script per version: `PRAGMA user_version` holds how many have run. Append new
    /// scripts; never edit one that has shipped.
    static let migrations: [String] = [
        // 1: contacts, templates, open segments, saved criteria, logged segments and interactions.
        """
        CREATE TABLE contacts (
            no TEXT PRIMARY KEY NOT NULL,
            type TEXT NOT NULL DEFAULT 'company' CHECK (type IN ('company', 'person')),
            name TEXT NOT NULL DEFAULT '',
            company_no TEXT NOT NULL DEFAULT '',
            company_name TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            surname TEXT NOT NULL DEFAULT '',
            job_title TEXT NOT NULL DEFAULT '',
            salutation TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            address2 TEXT NOT NULL DEFAULT '',
            post_code TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            county TEXT NOT NULL DEFAULT '',
            country_code TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            mobile TEXT NOT NULL DEFAULT '',
            language_code TEXT NOT NULL DEFAULT '',
            salesperson_code TEXT NOT NULL DEFAULT '',
            correspondence_type TEXT NOT NULL DEFAULT '' CHECK (correspondence_type IN ('', 'hard-copy', 'email')),
            exclude_from_segment INTEGER NOT NULL DEFAULT 0,
            privacy_blocked INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX contacts_company ON contacts(company_no) WHERE company_no != '';
        CREATE TABLE custom_fields (
            key TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE contact_custom_values (
            contact_no TEXT NOT NULL REFERENCES contacts(no) ON DELETE CASCADE ON UPDATE CASCADE,
            field_key TEXT NOT NULL REFERENCES custom_fields(key),
            value TEXT NOT NULL,
            PRIMARY KEY (contact_no, field_key)
        ) WITHOUT ROWID;

        CREATE TABLE interaction_templates (
            code TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            information_flow TEXT NOT NULL DEFAULT 'outbound',
            initiated_by TEXT NOT NULL DEFAULT 'us',
            unit_cost REAL NOT NULL DEFAULT 0,
            unit_duration REAL NOT NULL DEFAULT 0,
            correspondence_type TEXT NOT NULL DEFAULT 'hard-copy',
            ignore_contact_correspondence_type INTEGER NOT NULL DEFAULT 0,
            language_code TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY NOT NULL,
            bytes BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE template_documents (
            template_code TEXT NOT NULL COLLATE NOCASE REFERENCES interaction_templates(code) ON DELETE CASCADE,
            language TEXT NOT NULL COLLATE NOCASE,
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            added_at TEXT NOT NULL,
            PRIMARY KEY (template_code, language, version)
        );

        CREATE TABLE number_series (
            code TEXT PRIMARY KEY NOT NULL,
            last_no INTEGER NOT NULL
        );
        CREATE TABLE segments (
            no TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            interaction_template TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            correspondence_type TEXT NOT NULL DEFAULT '',
            ignore_contact_correspondence_type INTEGER NOT NULL DEFAULT 0,
            language_code TEXT NOT NULL DEFAULT '',
            salesperson_code TEXT NOT NULL DEFAULT '',
            campaign_no TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL,
            unit_cost REAL NOT NULL DEFAULT 0,
            unit_duration REAL NOT NULL DEFAULT 0,
            information_flow TEXT NOT NULL DEFAULT 'outbound',
            initiated_by TEXT NOT NULL DEFAULT 'us',
            last_line_no INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE segment_lines (
            segment_no TEXT NOT NULL COLLATE NOCASE REFERENCES segments(no) ON DELETE CASCADE,
            line_no INTEGER NOT NULL,
            contact_no TEXT NOT NULL REFERENCES contacts(no),
            description TEXT NOT NULL,
            subject TEXT NOT NULL,
            interaction_template TEXT NOT NULL,
            salesperson_code TEXT NOT NULL,
            campaign_no TEXT NOT NULL,
            date TEXT NOT NULL,
            cost REAL NOT NULL,
            duration REAL NOT NULL,
            correspondence_type TEXT NOT NULL,
            language_code TEXT NOT NULL,
            personal_note TEXT NOT NULL,
            overrides INTEGER NOT NULL,
            added_by_step INTEGER NOT NULL,
            PRIMARY KEY (segment_no, line_no),
            UNIQUE (segment_no, contact_no)
        );
        CREATE INDEX segment_lines_contact ON segment_lines(contact_no);
        CREATE INDEX segment_lines_step ON segment_lines(segment_no, added_by_step);
        CREATE TABLE segment_steps (
            segment_no TEXT NOT NULL COLLATE NOCASE REFERENCES segments(no) ON DELETE CASCADE,
            step_no INTEGER NOT NULL,
            part_no INTEGER NOT NULL,
            action TEXT NOT NULL,
            expression TEXT NOT NULL,
            options TEXT NOT NULL,
            contacts TEXT NOT NULL,
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            PRIMARY KEY (segment_no, step_no, part_no)
        );
        CREATE TABLE segment_removed_lines (
            segment_no TEXT NOT NULL COLLATE NOCASE REFERENCES segments(no) ON DELETE CASCADE,
            step_no INTEGER NOT NULL,
            line_no INTEGER NOT NULL,
            contact_no TEXT NOT NULL REFERENCES contacts(no),
            description TEXT NOT NULL,
            subject TEXT NOT NULL,
            interaction_template TEXT NOT NULL,
            salesperson_code TEXT NOT NULL,
            campaign_no TEXT NOT NULL,
            date TEXT NOT NULL,
            cost REAL NOT NULL,
            duration REAL NOT NULL,
            correspondence_type TEXT NOT NULL,
            language_code TEXT NOT NULL,
            personal_note TEXT NOT NULL,
            overrides INTEGER NOT NULL,
            added_by_step INTEGER NOT NULL,
            PRIMARY KEY (segment_no, step_no, line_no)
        );
        CREATE INDEX segment_removed_lines_contact ON segment_removed_lines(contact_no);

        CREATE TABLE saved_criteria (
            code TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE saved_criteria_steps (
            criteria_code TEXT NOT NULL COLLATE NOCASE REFERENCES saved_criteria(code) ON DELETE CASCADE,
            step_no INTEGER NOT NULL,
            action TEXT NOT NULL,
            expression TEXT NOT NULL,
            options TEXT NOT NULL,
            contacts TEXT NOT NULL,
            PRIMARY KEY (criteria_code, step_no)
        );

        CREATE TABLE logged_segments (
            entry_no INTEGER PRIMARY KEY,
            segment_no TEXT NOT NULL COLLATE NOCASE UNIQUE,
            description TEXT NOT NULL,
            creation_date TEXT NOT NULL,
            user TEXT NOT NULL,
            canceled INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE interaction_log_entries (
            entry_no INTEGER PRIMARY KEY,
            contact_no TEXT NOT NULL REFERENCES contacts(no),
            contact_company_no TEXT NOT NULL,
            date TEXT NOT NULL,
            time TEXT NOT NULL,
            interaction_template TEXT NOT NULL,
            description TEXT NOT NULL,
            subject TEXT NOT NULL,
            correspondence_type TEXT NOT NULL,
            language_code TEXT NOT NULL,
            information_flow TEXT NOT NULL,
            initiated_by TEXT NOT NULL,
            cost REAL NOT NULL,
            duration REAL NOT NULL,
            salesperson_code TEXT NOT NULL,
            campaign_no TEXT NOT NULL,
            segment_no TEXT NOT NULL,
            logged_segment_no INTEGER NOT NULL REFERENCES logged_segments(entry_no),
            canceled INTEGER NOT NULL DEFAULT 0,
            user TEXT NOT NULL,
            document_name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            template_sha256 TEXT NOT NULL,
            merged_values TEXT NOT NULL
        );
        CREATE INDEX interaction_log_entries_contact ON interaction_log_entries(contact_no);
        CREATE INDEX interaction_log_entries_logged ON interaction_log_entries(logged_segment_no);
        """,
        // 2: what logging records beyond version 1 (what decides a letter's bytes, the letters' folder,
        // the follow-up's template and campaign), and the staging folders of runs in progress.
        """
        ALTER TABLE logged_segments ADD COLUMN interaction_template TEXT NOT NULL DEFAULT '';
        ALTER TABLE logged_segments ADD COLUMN campaign_no TEXT NOT NULL DEFAULT '';
        ALTER TABLE logged_segments ADD COLUMN letters_folder TEXT NOT NULL DEFAULT '';
        ALTER TABLE interaction_log_entries ADD COLUMN line_no INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interaction_log_entries ADD COLUMN engine_version TEXT NOT NULL DEFAULT '';
        ALTER TABLE interaction_log_entries ADD COLUMN compression_level INTEGER NOT NULL DEFAULT 6;
        CREATE INDEX interaction_log_entries_segment ON interaction_log_entries(segment_no);
        CREATE TABLE letter_stagings (
            id INTEGER PRIMARY KEY,
            staging TEXT NOT NULL,
            destination TEXT NOT NULL DEFAULT '',
            logged_segment_no INTEGER,
            committed INTEGER NOT NULL DEFAULT 0,
            pid INTEGER NOT NULL,
            process_start TEXT NOT NULL
        );
        """,
        // 3: opt-out history per contact and channel (each opt-out and opt-in a record; the last decides).
        """
        CREATE TABLE contact_opt_outs (
            entry_no INTEGER PRIMARY KEY,
            contact_no TEXT NOT NULL REFERENCES contacts(no) ON DELETE CASCADE ON UPDATE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('email', 'hard-copy')),
            opted_out INTEGER NOT NULL,
            date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            user TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX contact_opt_outs_contact ON contact_opt_outs(contact_no, channel, entry_no);
        """,
        // 4: the entry fields of Business Central (evaluation, attempt failed, campaign response and target, edited by
        // hand, a note) and logged segment 0, which holds the single interactions recorded for one contact.
        """
        ALTER TABLE interaction_log_entries ADD COLUMN evaluation TEXT NOT NULL DEFAULT '';
        ALTER TABLE interaction_log_entries ADD COLUMN attempt_failed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interaction_log_entries ADD COLUMN campaign_response INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interaction_log_entries ADD COLUMN campaign_target INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interaction_log_entries ADD COLUMN edited_by_hand INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interaction_log_entries ADD COLUMN note TEXT NOT NULL DEFAULT '';
        INSERT INTO logged_segments (entry_no, segment_no, description, creation_date, user)
        VALUES (0, '', 'Single interactions', '', '');
        """,
        // 5: mailing groups and the contacts that belong to them.
        """
        CREATE TABLE mailing_groups (
            code TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE contact_mailing_groups (
            contact_no TEXT NOT NULL REFERENCES contacts(no) ON DELETE CASCADE ON UPDATE CASCADE,
            group_code TEXT NOT NULL COLLATE NOCASE REFERENCES mailing_groups(code),
            PRIMARY KEY (contact_no, group_code)
        ) WITHOUT ROWID;
        CREATE INDEX contact_mailing_groups_group ON contact_mailing_groups(group_code, contact_no);
        """,
        // 6: campaigns (one made for each campaign number already used, so those segments and entries keep
        // working), and the segment header's CampaignTarget.
        """
        CREATE TABLE campaigns (
            no TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            starting_date TEXT NOT NULL DEFAULT '',
            ending_date TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            salesperson_code TEXT NOT NULL DEFAULT ''
        );
        ALTER TABLE segments ADD COLUMN campaign_target INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX interaction_log_entries_campaign ON interaction_log_entries(campaign_no) WHERE campaign_no != '';
        INSERT OR IGNORE INTO campaigns (no)
            SELECT campaign_no FROM segments WHERE campaign_no != ''
            UNION SELECT campaign_no FROM segment_lines WHERE campaign_no != ''
            UNION SELECT campaign_no FROM segment_removed_lines WHERE campaign_no != ''
            UNION SELECT campaign_no FROM logged_segments WHERE campaign_no != ''
            UNION SELECT campaign_no FROM interaction_log_entries WHERE campaign_no != '';
        """,
        // 7: letters edited by hand for one line of an open segment (the bytes in `documents`, by SHA-256).
        """
        CREATE TABLE segment_line_documents (
            segment_no TEXT NOT NULL COLLATE NOCASE REFERENCES segments(no) ON DELETE CASCADE,
            contact_no TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            attached_at TEXT NOT NULL,
            PRIMARY KEY (segment_no, contact_no)
        ) WITHOUT ROWID;
        """,
        // 8: the personal note of the line an interaction entry was logged from (empty for entries logged before).
        """
        ALTER TABLE interaction_log_entries ADD COLUMN personal_note TEXT NOT NULL DEFAULT '';
        """,
        // 9: the SHA-256 of the PDF logged beside a letter (`segment log --format pdf`).
        """
        ALTER TABLE interaction_log_entries ADD COLUMN pdf_sha256 TEXT NOT NULL DEFAULT '';
        """,
        // 10 (e-mail delivery): the delivery record of each e-mail interaction; entries logged before it
        // start out queued.
        """
        CREATE TABLE email_deliveries (
            entry_no INTEGER PRIMARY KEY REFERENCES interaction_log_entries(entry_no),
            state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed')),
            reply TEXT NOT NULL DEFAULT '',
            queue_id TEXT NOT NULL DEFAULT '',
            delivered_at TEXT NOT NULL DEFAULT '',
            message_id TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0,
            sender TEXT NOT NULL DEFAULT '',
            recipient_name TEXT NOT NULL DEFAULT '',
            recipient_address TEXT NOT NULL DEFAULT '',
            message_date TEXT NOT NULL DEFAULT '',
            attachment TEXT NOT NULL DEFAULT 'docx' CHECK (attachment IN ('none', 'docx', 'pdf')),
            list_unsubscribe TEXT NOT NULL DEFAULT '',
            message_sha256 TEXT NOT NULL DEFAULT '',
            owner_pid INTEGER NOT NULL DEFAULT 0,
            owner_start TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO email_deliveries (entry_no) SELECT entry_no FROM interaction_log_entries WHERE correspondence_type = 'email';
        """,
    ]

    /// Brings the schema up to date in one transaction; a newer schema than this build knows is an error.
    /// A read-only store must already have this version's schema: migrating would write.
    func requireCurrentSchema() throws {
        let version = try database.prepare("PRAGMA user_version").firstRow { $0.integer(0) } ?? 0
        if version > Self.migrations.count { throw RelationshipError.newerSchema(found: version, known: Self.migrations.count) }
        if version < Self.migrations.count {
            throw RelationshipError.problems(["the database is read-only and needs its schema brought up to date first (open it once where it can be written)"])
        }
    }

    func migrate() throws {
        try database.inTransaction {
            // The header mark that tells a Lettershop database from another program's SQLite file.
            if try database.prepare("PRAGMA application_id").firstRow([], { $0.integer(0) }) == 0 {
                try database.execute("PRAGMA application_id = \(StoreFile.applicationID)")
            }
            let version = try database.prepare("PRAGMA user_version").firstRow { $0.integer(0) } ?? 0
            guard version <= Self.migrations.count else {
                throw RelationshipError.newerSchema(found: version, known: Self.migrations.count)
            }
            for (index, script) in Self.migrations.enumerated() where index >= version {
                try database.execute(script)
            }
            if version < Self.migrations.count {
                // PRAGMA takes no parameters; the value is our own constant.
                try database.execute("PRAGMA user_version = \(Self.migrations.count)")
            }
        }
    }
}
