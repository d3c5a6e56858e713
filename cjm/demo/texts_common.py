"""Words the demo's customers use whatever the touchpoint: closing remarks of a comment, openers
of a review, and the names reviews are signed with. Bands: ``neg`` (detractors, low CSAT, hard
CES), ``mid`` (passives) and ``pos``."""

CLOSERS = {
    "neg": {
        "ru": [
            "Очень разочарована.",
            "Ужасно, раньше такого не было.",
            "Плохо. Если так будет и дальше, уйдём к конкурентам.",
            "Исправьте, пожалуйста, это невозможно терпеть.",
            "Второй раз подряд одно и то же, это ужасно.",
            "Потратила кучу нервов.",
            "Пока ставлю плохую оценку.",
        ],
        "en": [
            "Really disappointed.",
            "This keeps happening, annoying.",
            "Please fix it, it is frustrating.",
            "Disappointing, not what I expected from you.",
            "Seriously thinking about switching.",
        ],
    },
    "mid": {
        "ru": [
            "В целом терпимо.",
            "Есть куда расти.",
            "Пока остаюсь, но присматриваюсь к другим.",
            "Не идеально, но жить можно.",
            "Ничего особенного.",
        ],
        "en": [
            "Overall it is okay.",
            "Room for improvement.",
            "Nothing special either way.",
            "Fine, but could be better.",
        ],
    },
    "pos": {
        "ru": [
            "Спасибо!",
            "Так держать, молодцы!",
            "Буду заказывать ещё.",
            "Рекомендую, уже посоветовала подругам.",
            "Очень довольна.",
            "Всё супер, спасибо команде!",
        ],
        "en": [
            "Thank you!",
            "Great, keep it up!",
            "Will definitely order again.",
            "Already recommended you to friends.",
            "Great job, thanks to the team.",
        ],
    },
}

REVIEW_OPENERS = {
    "store": {
        "ru": [
            "Заказываем здесь продукты уже полгода.",
            "Заказываю раз в неделю, в основном продукты.",
            "Пользуемся доставкой почти каждую неделю.",
            "Перешли сюда с другого сервиса весной.",
            "Заказываю на всю семью, обычно большой заказ.",
            "Трое детей, так что заказы у нас большие и частые.",
            "Попробовали по совету соседки.",
        ],
        "en": [
            "We have been ordering groceries here for a few months.",
            "We order every other week, mostly groceries.",
            "We order almost every week.",
            "Moved here from another delivery service this spring.",
        ],
    },
    "office": {
        "en": [
            "We are a 25-person design studio.",
            "Our office has used them for about half a year.",
            "We switched to them from two separate suppliers.",
            "Small accounting firm, 12 people.",
            "We signed up after a recommendation from a friend's startup.",
        ],
        "ru": [
            "Мы небольшое агентство, 15 человек.",
            "Работаем с ними с начала года.",
            "Перешли к ним от двух разных поставщиков.",
        ],
    },
}

# Names reviews are signed with (anonymous reviews have no author).
AUTHORS = {
    "ru": [
        "Марина К.",
        "Алексей",
        "Екатерина Соколова",
        "Дмитрий В.",
        "Ольга",
        "Наталья М.",
        "Сергей П.",
        "Ирина",
        "Андрей Лебедев",
        "Юлия Т.",
        "Татьяна",
        "Максим Ф.",
        "Светлана Р.",
        "Елена",
        "Павел Н.",
        "Анастасия",
        "Роман Г.",
        "Ксения Д.",
    ],
    "en": [
        "Kate M.",
        "James",
        "Olivia Brown",
        "Daniel R.",
        "Sophie",
        "Tom W.",
        "Emma L.",
        "Alex",
        "Maria G.",
        "Peter S.",
    ],
}
