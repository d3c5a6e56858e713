"""What customers of the store map write about delivery, the order itself and support (the
format of texts_store_buying.py)."""

from . import behaviour as b

TEXTS = {
    b.ON_TIME: {
        "neg": {
            "ru": [
                "Курьер опоздал на два часа и даже не позвонил.",
                "Выбрала интервал 19–21, а привезли в 23:40 — ужасно, дети уже спали.",
                "Третий раз подряд опоздание, интервал доставки — просто формальность.",
                "Ждала весь вечер, заказ привезли на следующий день без предупреждения.",
                "Опоздали на полтора часа, мороженое растаяло.",
                "Сорвали доставку к празднику, гости пришли, а продуктов нет. Кошмар.",
                "Курьер опоздал, а в поддержке сказали «ждите», ужасное отношение.",
                "Интервал 10–12, приехали в 15:00, весь день насмарку, очень плохо.",
                "Опоздание на час уже норма, это плохой сервис.",
                "Привезли на три часа позже, ребёнок остался без ужина, безобразие.",
            ],
            "en": [
                "The courier was two hours late and did not even call.",
                "Chose the 7-9 pm slot, the order came at 11:40 pm, terrible.",
                "Late again, the delivery slot means nothing.",
            ],
        },
        "mid": {
            "ru": [
                "Привезли на двадцать минут позже, но предупредили.",
                "Обычно вовремя, но в пятницу вечером опоздание почти гарантировано.",
                "В интервал уложились впритык.",
            ],
            "en": ["Twenty minutes late, but at least they warned me."],
        },
        "pos": {
            "ru": [
                "Привезли точно в интервал, даже чуть раньше, молодцы.",
                "Доставили вовремя, как и обещали.",
                "В этот раз всё чётко по времени, спасибо.",
            ],
            "en": ["Delivered right on time, exactly as promised."],
        },
    },
    b.COURIER_MANNER: {
        "neg": {
            "ru": [
                "Курьер нахамил и отказался подниматься на этаж.",
                "Курьер грубо бросил пакеты у двери и ушёл.",
            ],
            "en": ["The courier was rude and refused to come upstairs."],
        },
        "mid": {
            "ru": [
                "Курьер нормальный, но пакеты оставил в коридоре.",
                "Вежливый, но очень спешил.",
            ],
            "en": ["Polite enough, but in a big hurry."],
        },
        "pos": {
            "ru": [
                "Очень вежливый курьер, поднял тяжёлые пакеты до квартиры.",
                "Курьер приятный, всё проверил вместе со мной.",
                "Курьер Азамат — лучший, всегда с улыбкой!",
                "Аккуратный и вежливый курьер, спасибо ему.",
            ],
            "en": [
                "Lovely courier, carried the heavy bags to my door.",
                "Very polite courier, checked the order with me.",
            ],
        },
    },
    b.TRACKING: {
        "neg": {
            "ru": ["Курьер на карте стоял на месте час, толку никакого."],
            "en": ["The map showed the courier frozen for an hour, useless."],
        },
        "mid": {
            "ru": ["Карта иногда отстаёт, но примерное время видно."],
            "en": ["The map lags a bit, but the arrival time is roughly right."],
        },
        "pos": {
            "ru": [
                "Видно курьера на карте — можно спокойно выйти встретить, супер.",
                "Отслеживание на карте — отличная функция, больше не жду у окна.",
                "Удобно видеть, где курьер, и не держать телефон в руке весь вечер.",
            ],
            "en": [
                "Watching the courier on the map is great, no more waiting by the window.",
                "Love the live map, I know exactly when to go down.",
            ],
        },
    },
    b.PICKUP: {
        "neg": {
            "ru": ["В пункте выдачи очередь на полчаса, заказ искали долго."],
            "en": ["Long queue at the pick-up point and they could not find my order, annoying."],
        },
        "mid": {"ru": ["Пункт выдачи рядом, но работает до восьми."], "en": []},
        "pos": {
            "ru": [
                "Забираю заказы в пункте выдачи по пути с работы, очень удобно.",
                "В пункте выдачи всё быстро, заказ был готов заранее.",
            ],
            "en": ["The pick-up point is on my way home, quick and easy."],
        },
    },
    "delivery-stage": {
        "neg": {
            "ru": [
                "Доставка — слабое место магазина: то опоздают, то не позвонят.",
                "С доставкой постоянно проблемы.",
            ],
            "en": ["Delivery is the weak spot: late, no calls, no apologies."],
        },
        "mid": {
            "ru": ["Доставка то отличная, то ужасная, как повезёт с курьером."],
            "en": ["Delivery is hit and miss, depends on the courier."],
        },
        "pos": {
            "ru": ["Доставка стала лучше, последние заказы приехали вовремя."],
            "en": ["Delivery has improved, the last orders were on time."],
        },
    },
    b.PACKAGING: {
        "neg": {
            "ru": [
                "Яйца положили под бутылки, половина разбилась.",
                "Бытовая химия в одном пакете с хлебом — безобразие.",
            ],
            "en": ["The eggs were packed under the bottles, half of them broken."],
        },
        "mid": {
            "ru": ["Упаковка нормальная, но пакетов слишком много."],
            "en": ["Packing is fine, just far too many plastic bags."],
        },
        "pos": {
            "ru": [
                "Всё аккуратно упаковано, заморозка в термопакете.",
                "Отличная упаковка, ничего не помялось и не разбилось.",
                "Продукты разложены по пакетам с умом, приятно разбирать.",
                "Хлеб отдельно, химия отдельно, всё целое — отлично.",
                "Заказ пришёл аккуратный, как будто собирали для себя, спасибо.",
                "Упаковано отлично, даже помидоры целые.",
            ],
            "en": [
                "Everything neatly packed, frozen food in a thermal bag.",
                "Great packing, nothing crushed or broken.",
            ],
        },
    },
    b.FRESHNESS: {
        "neg": {
            "ru": [
                "Привезли почти просроченное молоко, срок истекает завтра.",
                "Творог оказался просроченным, очень неприятно.",
            ],
            "en": ["The milk expired the next day."],
        },
        "mid": {
            "ru": ["Овощи нормальные, но зелень вялая."],
            "en": ["Vegetables were fine, the herbs a bit tired."],
        },
        "pos": {
            "ru": [
                "Продукты свежие, сроки годности длинные.",
                "Отличные свежие овощи, как с рынка.",
                "Всегда свежий хлеб и молоко, за это и любим магазин.",
            ],
            "en": [
                "Fresh produce and long best-before dates.",
                "Lovely fresh vegetables, better than in our supermarket.",
            ],
        },
    },
    b.REPLACEMENTS: {
        "neg": {
            "ru": [
                "Вместо детского йогурта привезли взрослый, даже не спросили.",
                "Заменили товар на более дорогой без звонка.",
                "Половину заказа заменили, а согласовать в приложении не дали, очень неудобно.",
                "Замены ужасные: вместо гипоаллергенного порошка обычный.",
            ],
            "en": [
                "They swapped the baby yoghurt for an adult one. Unacceptable and careless.",
                "Half of my order was replaced and nobody asked me.",
            ],
        },
        "mid": {
            "ru": ["Замена была похожая, но лучше бы спросили."],
            "en": ["The substitute was similar, but they should have asked."],
        },
        "pos": {
            "ru": ["Сборщик позвонил и согласовал замену, спасибо за внимательность."],
            "en": ["The picker called to agree a substitute, very thoughtful."],
        },
    },
    b.CALL_CENTRE: {
        "neg": {
            "ru": [
                "До 8-800 невозможно дозвониться, сорок минут на линии под музыку.",
                "Оператор переключал три раза, и каждый раз всё объяснять заново, ужасный сервис.",
                "Обещали перезвонить и не перезвонили.",
                "Сорок минут ожидания, а потом звонок просто сбросился.",
                "Оператор не видит мою переписку в чате, рассказывала всё снова, очень неудобно.",
                "Час на линии, и ни один оператор не ответил, ужасно.",
                "Оператор грубил и бросил трубку, плохой сервис.",
                "Жалобу приняли, но так ничего и не решили, бесполезно.",
            ],
            "en": [
                "Forty minutes on hold and then the call dropped.",
                "Useless support: they promised a call back.",
            ],
        },
        "mid": {
            "ru": [
                "Дозвонилась минут за десять, вопрос решили.",
                "Оператор вежливый, но решения пришлось ждать два дня.",
            ],
            "en": ["Got through in ten minutes, problem solved eventually."],
        },
        "pos": {
            "ru": ["Оператор быстро разобрался и сразу вернул деньги."],
            "en": ["The agent sorted it out quickly and refunded me at once."],
        },
    },
    b.TELEGRAM: {
        "neg": {
            "ru": ["В Telegram ответили только через три часа, слишком долго."],
            "en": ["The Telegram chat answered three hours later, far too slow."],
        },
        "mid": {
            "ru": ["В чате отвечают, но шаблонами."],
            "en": ["The chat replies, but with canned answers."],
        },
        "pos": {
            "ru": [
                "В Telegram ответили за пару минут и сразу начислили баллы — очень приятно.",
                "Чат поддержки — супер, вопрос решили, пока я стояла у двери.",
                "Быстро и по делу, без лишних вопросов.",
                "Отличная поддержка в Telegram, живые люди и быстрые ответы.",
                "В чате помогли за пять минут, очень вежливо, спасибо.",
                "Лучшая поддержка: быстро, по-человечески и без шаблонов.",
            ],
            "en": [
                "The Telegram chat answered in two minutes, great support.",
                "Quick and helpful chat, problem solved in minutes.",
            ],
        },
    },
    b.REFUNDS: {
        "neg": {
            "ru": [
                "Возврат за испорченный товар ждала две недели.",
                "Чтобы вернуть деньги, потребовали фото, чек и заявление — сложно и долго.",
            ],
            "en": ["Two weeks to get a refund for a spoiled item."],
        },
        "mid": {
            "ru": ["Деньги вернули, но через неделю и с напоминаниями."],
            "en": ["Got my money back, but only after reminders."],
        },
        "pos": {
            "ru": ["Вернули деньги за разбитые яйца в тот же день, без лишних вопросов."],
            "en": ["Quick refund for the eggs the same day, excellent service."],
        },
    },
}
