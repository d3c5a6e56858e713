"""Three personas with every profile field filled: one B2C in Russian, two B2B in English."""

PERSONAS = [
    {
        "key": "marina",
        "segment": "families",
        "name": "Марина Волкова",
        "role_title": "Мама двоих детей, бухгалтер на полный день",
        "demographic": "34 года, замужем, двое детей (4 и 9 лет), высшее экономическое.",
        "geographic": (
            "Москва, спальный район у МЦД, 3-комнатная квартира на 14-м этаже; "
            "до ближайшего пункта выдачи 10 минут пешком."
        ),
        "psychographic": (
            "Планирует покупки списками, сравнивает цены, доверяет отзывам с фото и мнению "
            "мам из родительского чата. Не любит звонки с незнакомых номеров."
        ),
        "socio_economic": (
            "Доход семьи выше среднего по городу; на онлайн-покупки уходит около 35 тыс. ₽ "
            "в месяц. Платит картой или через СБП, наличные почти не носит."
        ),
        "goals": (
            "Закрыть недельные покупки за 15 минут с телефона, получить всё одним заказом "
            "в удобный вечерний интервал и не тратить выходные на магазины."
        ),
        "needs": (
            "Точный интервал доставки, предупреждение об опоздании, замена отсутствующего "
            "товара только с согласия, простой возврат, оплата картой курьеру."
        ),
        "thoughts": (
            "«Если курьер опять приедет, когда я забираю младшего из сада, — закажу "
            "у конкурентов». «Отзывы с фото — значит, товар настоящий»."
        ),
        "emotions": (
            "Удовлетворение, когда всё приехало вовремя и целым; раздражение от "
            "переносов доставки и долгого ожидания на линии поддержки."
        ),
        "fears": (
            "Разбитые банки и помятая упаковка; списание денег без доставки; "
            "пересортица; невозможность вернуть товар без скандала."
        ),
        "expectations": (
            "Курьер звонит за 30 минут, приезжает в интервал, принимает карту; "
            "поддержка отвечает в чате за 5 минут и не просит повторять историю."
        ),
        "quote": "«Мне не нужен самый дешёвый магазин. Мне нужен тот, который не подводит.»",
        "preferred_channels": ["app", "messenger", "courier", "pickup", "reviews"],
    },
    {
        "key": "kate",
        "segment": "small_business",
        "name": "Kate Sokolova",
        "role_title": "Office manager at a 25-person design studio",
        "demographic": "29, single, university degree in linguistics; three years in the role.",
        "geographic": (
            "St Petersburg, a business centre near the city centre; deliveries go to "
            "the reception on the 3rd floor, the goods lift works until 6 pm."
        ),
        "psychographic": (
            "Organised and busy; keeps the office running on spreadsheets and reminders. "
            "Values suppliers that just work and hates chasing anyone twice."
        ),
        "socio_economic": (
            "Manages a monthly budget of about 120,000 RUB for supplies, coffee and "
            "cleaning; every purchase over 50,000 RUB needs the owner's approval."
        ),
        "goals": (
            "Order everything for the office in one place, once a month, and spend "
            "no more than an hour a month on supplies."
        ),
        "needs": (
            "A reusable order template, a single monthly invoice, closing documents "
            "(UPD) through e-document exchange, a named contact who answers the phone."
        ),
        "thoughts": (
            '"If the coffee runs out on Monday the whole studio will know it\'s my fault." '
            '"Why do I have to send the company details again?"'
        ),
        "emotions": (
            "Relief when the delivery arrives complete; stress when documents are "
            "missing at month end and accounting chases her."
        ),
        "fears": (
            "Missing items discovered only after the courier has left; wrong invoice "
            "details; a price rise announced after the order is placed."
        ),
        "expectations": (
            "Delivery on the agreed weekday before noon, a call if anything is short, "
            "documents within 3 days, prices fixed for the contract term."
        ),
        "quote": '"I don\'t want a great supplier. I want a supplier I never have to think about."',
        "preferred_channels": ["portal", "email", "manager", "messenger"],
    },
    {
        "key": "oleg",
        "segment": "small_business",
        "name": "Oleg Belov",
        "role_title": "Founder and managing director of the studio",
        "demographic": "41, married, two children; MBA; founded the studio 8 years ago.",
        "geographic": (
            "St Petersburg; works from the office three days a week, the rest on the "
            "road visiting clients."
        ),
        "psychographic": (
            "Pragmatic, reads reviews and case studies before any contract, trusts "
            "recommendations from other founders more than advertising."
        ),
        "socio_economic": (
            "Company turnover around 90 million RUB a year; watches overheads closely "
            "after a difficult year; signs every contract himself."
        ),
        "goals": (
            "Cut time and money spent on office purchasing and get one clear monthly "
            "cost line instead of a dozen small receipts."
        ),
        "needs": (
            "A transparent price list, a standard contract he can sign electronically, "
            "an easy exit clause, proof that other small businesses are happy."
        ),
        "thoughts": (
            '"Another subscription I\'ll forget to cancel?" "If they can\'t send a '
            'correct invoice, how will they deliver on time?"'
        ),
        "emotions": (
            "Cautious at the start, irritated by slow paperwork, quietly loyal once "
            "the service runs without his involvement."
        ),
        "fears": (
            "Hidden fees and automatic price increases; being locked into a year-long "
            "contract; his team wasting time on a bad supplier."
        ),
        "expectations": (
            "A proposal within a day, a contract with no surprises, a quarterly summary "
            "of spend, and a supplier who admits mistakes quickly."
        ),
        "quote": '"Show me three companies like mine that stayed with you for a year."',
        "preferred_channels": ["email", "manager", "reviews"],
    },
]
