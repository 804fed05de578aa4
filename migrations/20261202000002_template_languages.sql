-- Roadmap templates carry their language: a mentee is offered the ones in hers first. The four
-- starting templates (English, ids 1-4) are seeded in Russian (5-8) and Kyrgyz (9-12) too.

ALTER TABLE roadmap_templates ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('ky', 'ru', 'en'));

-- (no fixed ids: a database whose administrators already made templates keeps them; the steps
-- find their template by its title and language)
INSERT INTO roadmap_templates (title, description, language, created_at, updated_at) VALUES
 ('Аналитик данных', 'От электронных таблиц до первой работы или стажировки в аналитике.', 'ru', 0, 0),
 ('Веб-разработчик', 'От первой веб-страницы до портфолио и должности младшего разработчика.', 'ru', 0, 0),
 ('Инженер по возобновляемой энергетике', 'К диплому и работе в солнечной, ветровой или гидроэнергетике.', 'ru', 0, 0),
 ('Учёный-исследователь', 'От любопытства к исследовательскому проекту и месту в лаборатории.', 'ru', 0, 0),
 ('Маалымат аналитиги', 'Электрондук таблицалардан аналитикадагы биринчи жумушка же стажировкага чейин.', 'ky', 0, 0),
 ('Веб-иштеп чыгуучу', 'Биринчи веб-барактан портфолиого жана кенже иштеп чыгуучунун кызматына чейин.', 'ky', 0, 0),
 ('Кайра жаралуучу энергетика инженери', 'Диплом алууга жана күн, шамал же суу энергетикасында иштөөгө карай.', 'ky', 0, 0),
 ('Илимий изилдөөчү', 'Кызыгуудан изилдөө долбооруна жана лабораториядагы орунга чейин.', 'ky', 0, 0);
INSERT INTO roadmap_template_steps (template_id, position, title, criterion, due_in_days)
SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Аналитик данных' AND language = 'ru'), 1, 'Освоить основы электронных таблиц: формулы, сортировка, диаграммы', 'Я могу построить диаграмму по таблице из 100 строк', 30
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Аналитик данных' AND language = 'ru'), 2, 'Изучить основы Python и pandas', 'Я прошла онлайн-курс и выполнила его упражнения', 90
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Аналитик данных' AND language = 'ru'), 3, 'Проанализировать открытый набор данных о Кыргызстане', 'Короткий отчёт с тремя диаграммами, которым я поделилась с наставником', 150
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Аналитик данных' AND language = 'ru'), 4, 'Подать заявку на стажировку или должность младшего аналитика', 'Отправлены три заявки', 210
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-разработчик' AND language = 'ru'), 1, 'Сделать личную веб-страницу на HTML и CSS', 'Страница опубликована в интернете и работает на телефоне', 30
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-разработчик' AND language = 'ru'), 2, 'Изучить основы JavaScript', 'Я сама сделала небольшую интерактивную страницу', 90
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-разработчик' AND language = 'ru'), 3, 'Сделать проект для настоящего пользователя (школа, семейный бизнес, общественная организация)', 'Пользователь попробовал проект и дал отзыв', 180
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-разработчик' AND language = 'ru'), 4, 'Подготовить портфолио и подать заявки на должность младшего разработчика', 'Портфолио опубликовано в интернете, отправлены три заявки', 240
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Инженер по возобновляемой энергетике' AND language = 'ru'), 1, 'Укрепить знания по физике и математике', 'Отличные оценки на ближайших экзаменах', 120
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Инженер по возобновляемой энергетике' AND language = 'ru'), 2, 'Побывать на солнечной, ветровой или гидроэлектростанции', 'Поездка состоялась, заметки записаны', 180
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Инженер по возобновляемой энергетике' AND language = 'ru'), 3, 'Выбрать программу обучения в вузе по энергетике', 'Список из трёх программ со сроками подачи заявок', 240
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Инженер по возобновляемой энергетике' AND language = 'ru'), 4, 'Подать заявку на программу', 'Заявка отправлена', 300
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Учёный-исследователь' AND language = 'ru'), 1, 'Выбрать вопрос, который вас увлекает, и почитать о нём', 'Пять статей прочитаны и кратко изложены', 60
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Учёный-исследователь' AND language = 'ru'), 2, 'Провести небольшой эксперимент или исследование вместе с наставником', 'Результаты описаны на двух страницах', 150
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Учёный-исследователь' AND language = 'ru'), 3, 'Представить проект на школьном или университетском мероприятии', 'Выступление состоялось', 210
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Учёный-исследователь' AND language = 'ru'), 4, 'Связаться с лабораторией или исследовательской группой насчёт стажировки', 'Обращения отправлены в две лаборатории', 270
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Маалымат аналитиги' AND language = 'ky'), 1, 'Электрондук таблицалардын негиздерин үйрөнүү: формулалар, иреттөө, диаграммалар', 'Мен 100 саптан турган таблицадан диаграмма түзө алам', 30
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Маалымат аналитиги' AND language = 'ky'), 2, 'Python жана pandas негиздерин үйрөнүү', 'Мен онлайн-курсту бүтүрүп, анын көнүгүүлөрүн аткардым', 90
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Маалымат аналитиги' AND language = 'ky'), 3, 'Кыргызстан тууралуу ачык маалымат топтомун талдоо', 'Үч диаграммасы бар кыска отчетту насаатчым менен бөлүштүм', 150
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Маалымат аналитиги' AND language = 'ky'), 4, 'Стажировкага же кенже аналитиктин кызматына арыз берүү', 'Үч арыз жөнөтүлдү', 210
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-иштеп чыгуучу' AND language = 'ky'), 1, 'HTML жана CSS менен жеке веб-барак түзүү', 'Барак интернетте жарыяланды жана телефондо иштейт', 30
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-иштеп чыгуучу' AND language = 'ky'), 2, 'JavaScript негиздерин үйрөнүү', 'Мен өз алдымча кичинекей интерактивдүү барак жасадым', 90
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-иштеп чыгуучу' AND language = 'ky'), 3, 'Чыныгы колдонуучу үчүн долбоор жасоо (мектеп, үй-бүлөлүк бизнес, коомдук уюм)', 'Колдонуучу аны сынап көрүп, пикирин айтты', 180
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Веб-иштеп чыгуучу' AND language = 'ky'), 4, 'Портфолио даярдап, кенже иштеп чыгуучунун кызматына арыз берүү', 'Портфолио интернетте жарыяланды жана үч арыз жөнөтүлдү', 240
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Кайра жаралуучу энергетика инженери' AND language = 'ky'), 1, 'Физика жана математика боюнча билимди бекемдөө', 'Кийинки сынактарда эң жогорку баалар', 120
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Кайра жаралуучу энергетика инженери' AND language = 'ky'), 2, 'Күн, шамал же суу электр станциясына баруу', 'Станцияга барылды, байкоолор жазылды', 180
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Кайра жаралуучу энергетика инженери' AND language = 'ky'), 3, 'ЖОЖдон энергетика инженериясы боюнча программа тандоо', 'Үч программанын тизмеси жана арыз берүү мөөнөттөрү', 240
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Кайра жаралуучу энергетика инженери' AND language = 'ky'), 4, 'Программага арыз берүү', 'Арыз жөнөтүлдү', 300
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Илимий изилдөөчү' AND language = 'ky'), 1, 'Өзүңүздү кызыктырган суроону тандап, ал тууралуу окуу', 'Беш макала окулуп, кыскача мазмуну жазылды', 60
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Илимий изилдөөчү' AND language = 'ky'), 2, 'Насаатчыңыз менен кичинекей эксперимент же изилдөө жүргүзүү', 'Жыйынтыктар эки бетке жазылды', 150
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Илимий изилдөөчү' AND language = 'ky'), 3, 'Долбоорду мектептеги же ЖОЖдогу иш-чарада тааныштыруу', 'Презентация өткөрүлдү', 210
UNION ALL SELECT (SELECT MAX(id) FROM roadmap_templates WHERE title = 'Илимий изилдөөчү' AND language = 'ky'), 4, 'Стажировка боюнча лабораторияга же изилдөө тобуна кайрылуу', 'Эки лабораторияга кайрылуу жасалды', 270;
