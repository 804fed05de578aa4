-- Profiles and the shared STEM taxonomy (fields -> skills), named in all three languages,
-- so profiles written in different languages match on the same ids.

CREATE TABLE taxonomy_fields (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    name_ru  TEXT NOT NULL,
    name_ky  TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE taxonomy_skills (
    id       INTEGER PRIMARY KEY,
    field_id INTEGER NOT NULL REFERENCES taxonomy_fields (id),
    code     TEXT NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    name_ru  TEXT NOT NULL,
    name_ky  TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX taxonomy_skills_field ON taxonomy_skills (field_id, position);

INSERT INTO taxonomy_fields (id, code, name_en, name_ru, name_ky, position) VALUES
 (1, 'software', 'Software engineering', 'Программная инженерия', 'Программалык инженерия', 1),
 (2, 'energy', 'Energy', 'Энергетика', 'Энергетика', 2),
 (3, 'biology', 'Biology', 'Биология', 'Биология', 3),
 (4, 'civil', 'Civil engineering', 'Гражданское строительство', 'Курулуш инженериясы', 4),
 (5, 'math', 'Mathematics', 'Математика', 'Математика', 5),
 (6, 'geoscience', 'Geology and mining', 'Геология и горное дело', 'Геология жана тоо-кен иши', 6),
 (7, 'physics_chemistry', 'Physics and chemistry', 'Физика и химия', 'Физика жана химия', 7),
 (8, 'electronics', 'Electronics and robotics', 'Электроника и робототехника', 'Электроника жана робототехника', 8),
 (9, 'health', 'Health sciences', 'Медицинские науки', 'Медициналык илимдер', 9),
 (10, 'agritech', 'Agricultural technology', 'Агротехнологии', 'Агротехнологиялар', 10);

INSERT INTO taxonomy_skills (id, field_id, code, name_en, name_ru, name_ky, position) VALUES
 (101, 1, 'web', 'Web development', 'Веб-разработка', 'Веб-иштеп чыгуу', 1),
 (102, 1, 'data', 'Data science', 'Наука о данных', 'Маалымат илими', 2),
 (103, 1, 'mobile', 'Mobile apps', 'Мобильные приложения', 'Мобилдик тиркемелер', 3),
 (104, 1, 'ai', 'Artificial intelligence', 'Искусственный интеллект', 'Жасалма интеллект', 4),
 (105, 1, 'security', 'Cybersecurity', 'Кибербезопасность', 'Киберкоопсуздук', 5),
 (201, 2, 'renewables', 'Renewable energy', 'Возобновляемая энергетика', 'Кайра жаралуучу энергетика', 1),
 (202, 2, 'hydropower', 'Hydropower', 'Гидроэнергетика', 'Гидроэнергетика', 2),
 (203, 2, 'grids', 'Power grids', 'Электросети', 'Электр тармактары', 3),
 (301, 3, 'genetics', 'Genetics', 'Генетика', 'Генетика', 1),
 (302, 3, 'ecology', 'Ecology', 'Экология', 'Экология', 2),
 (303, 3, 'biotech', 'Biotechnology', 'Биотехнология', 'Биотехнология', 3),
 (401, 4, 'structures', 'Structural engineering', 'Строительные конструкции', 'Курулуш конструкциялары', 1),
 (402, 4, 'water', 'Water resources', 'Водные ресурсы', 'Суу ресурстары', 2),
 (403, 4, 'urban', 'Urban planning', 'Градостроительство', 'Шаар куруу', 3),
 (501, 5, 'statistics', 'Statistics', 'Статистика', 'Статистика', 1),
 (502, 5, 'applied_math', 'Applied mathematics', 'Прикладная математика', 'Колдонмо математика', 2),
 (503, 5, 'math_teaching', 'Teaching mathematics', 'Преподавание математики', 'Математиканы окутуу', 3),
 (601, 6, 'geology', 'Geology', 'Геология', 'Геология', 1),
 (602, 6, 'mining', 'Mining engineering', 'Горная инженерия', 'Тоо-кен инженериясы', 2),
 (701, 7, 'physics', 'Physics', 'Физика', 'Физика', 1),
 (702, 7, 'chemistry', 'Chemistry', 'Химия', 'Химия', 2),
 (703, 7, 'materials', 'Materials science', 'Материаловедение', 'Материал таануу', 3),
 (801, 8, 'electronics', 'Electronics', 'Электроника', 'Электроника', 1),
 (802, 8, 'robotics', 'Robotics', 'Робототехника', 'Робототехника', 2),
 (803, 8, 'iot', 'Internet of things', 'Интернет вещей', 'Буюмдар интернети', 3),
 (901, 9, 'biomedical', 'Biomedical engineering', 'Биомедицинская инженерия', 'Биомедициналык инженерия', 1),
 (902, 9, 'public_health', 'Public health', 'Общественное здравоохранение', 'Коомдук саламаттык', 2),
 (1001, 10, 'agronomy', 'Agronomy', 'Агрономия', 'Агрономия', 1),
 (1002, 10, 'food_tech', 'Food technology', 'Пищевые технологии', 'Тамак-аш технологиялары', 2);

CREATE TABLE mentor_profiles (
    account_id       INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    organisation     TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    years_experience INTEGER NOT NULL CHECK (years_experience BETWEEN 0 AND 60),
    capacity         INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10),
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused')),
    bio              TEXT    NOT NULL,
    style            TEXT    NOT NULL DEFAULT '',
    approval         TEXT    NOT NULL DEFAULT 'pending' CHECK (approval IN ('pending', 'approved', 'rejected')),
    review_reason    TEXT,
    reviewed_by      INTEGER REFERENCES accounts (id),
    reviewed_at      INTEGER,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX mentor_profiles_approval ON mentor_profiles (approval, updated_at);

CREATE TABLE mentee_profiles (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    career_stage    TEXT    NOT NULL CHECK (career_stage IN ('school', 'university', 'early_career', 'career_change')),
    goals           TEXT    NOT NULL,
    meeting_format  TEXT    NOT NULL CHECK (meeting_format IN ('online', 'in_person', 'either')),
    hours_per_month INTEGER NOT NULL CHECK (hours_per_month BETWEEN 1 AND 40),
    age_band        TEXT    NOT NULL CHECK (age_band IN ('under_18', 'adult')),
    updated_at      INTEGER NOT NULL
);

-- the skills a mentor offers or a mentee wants to learn
CREATE TABLE profile_skills (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    skill_id   INTEGER NOT NULL REFERENCES taxonomy_skills (id),
    PRIMARY KEY (account_id, skill_id)
);
CREATE INDEX profile_skills_skill ON profile_skills (skill_id);

CREATE TABLE profile_languages (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    language   TEXT    NOT NULL CHECK (language IN ('ky', 'ru', 'en', 'uz', 'kk', 'tr', 'de', 'zh')),
    level      TEXT    NOT NULL CHECK (level IN ('basic', 'conversational', 'fluent', 'native')),
    PRIMARY KEY (account_id, language)
);
