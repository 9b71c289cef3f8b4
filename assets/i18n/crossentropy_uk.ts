<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk" sourcelanguage="en">
  <context>
    <name>Controls</name>
    <message>
      <source>maximum</source>
      <translation>максимум</translation>
    </message>
    <message>
      <source>1 per second: narrate each one</source>
      <translation>1 за секунду: коментуйте кожен</translation>
    </message>
    <message>
      <source>10 per second</source>
      <translation>10 за секунду</translation>
    </message>
    <message>
      <source>fast (200 per second)</source>
      <translation>швидко (200 за секунду)</translation>
    </message>
    <message>
      <source>Weather (rain 80 %)</source>
      <translation>Погода (дощ 80 %)</translation>
    </message>
    <message>
      <source>Fair die</source>
      <translation>Чесний кубик</translation>
    </message>
    <message>
      <source>Weird die (1, 2, 3, 4, 4, 4)</source>
      <translation>Дивний кубик (1, 2, 3, 4, 4, 4)</translation>
    </message>
    <message>
      <source>Loaded die (2 and 5)</source>
      <translation>Нечесний кубик (2 і 5)</translation>
    </message>
    <message>
      <source>{n} per second</source>
      <translation>{n} за секунду</translation>
    </message>
    <message>
      <source>Start or pause drawing outcomes; the agent learns from each.</source>
      <translation>Запустити чи призупинити випадання результатів; агент навчається на кожному.</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>Крок</translation>
    </message>
    <message>
      <source>Draw exactly one outcome and let the agent learn from it.</source>
      <translation>Витягти рівно один результат і дати агентові на ньому навчитися.</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Скинути</translation>
    </message>
    <message>
      <source>Back to the first outcome: the same seed repeats the same outcomes.</source>
      <translation>Назад до першого результату: те саме зерно повторює ті самі результати.</translation>
    </message>
    <message>
      <source>Experiment</source>
      <translation>Експеримент</translation>
    </message>
    <message>
      <source>The true distribution p the outcomes come from; the agent never sees it.</source>
      <translation>Справжній розподіл p, з якого беруться результати; агент його ніколи не бачить.</translation>
    </message>
    <message>
      <source>World</source>
      <translation>Світ</translation>
    </message>
    <message>
      <source>e.g. 0.5, 0.3, 0.2  or  1/6 ×6  or  50% 50%</source>
      <translation>напр. 0,5; 0,3; 0,2  або  1/6 ×6  або  50% 50%</translation>
    </message>
    <message>
      <source>Type a distribution (2 to 12 numbers that sum to 1); press Enter to use it.</source>
      <translation>Введіть розподіл: від 2 до 12 чисел, що в сумі дають 1, з десятковою комою, розділені крапкою з комою або пробілом; натисніть Enter, щоб його застосувати.</translation>
    </message>
    <message>
      <source>p =</source>
      <translation>p =</translation>
    </message>
    <message>
      <source>Your own world's distribution p</source>
      <translation>Розподіл p вашого світу</translation>
    </message>
    <message>
      <source>What beliefs the agent can hold: any distribution, or a hunch that one face is favoured.</source>
      <translation>Які переконання може мати агент: будь-який розподіл або здогадку, що одна грань випадає частіше.</translation>
    </message>
    <message>
      <source>Belief</source>
      <translation>Переконання</translation>
    </message>
    <message>
      <source>How the agent learns: follow the slope of its surprise, explore at random and cool down, or not at all.</source>
      <translation>Як навчається агент: іде схилом свого здивування, досліджує навмання й охолоняє, або не навчається зовсім.</translation>
    </message>
    <message>
      <source>Learner</source>
      <translation>Метод навчання</translation>
    </message>
    <message>
      <source>Learning</source>
      <translation>Навчання</translation>
    </message>
    <message>
      <source>Display</source>
      <translation>Відображення</translation>
    </message>
    <message>
      <source>Outcomes per second: one a second to narrate each roll, up to as fast as the machine goes.</source>
      <translation>Результатів за секунду: від одного, щоб коментувати кожен кидок, до максимуму, на який здатен комп'ютер.</translation>
    </message>
    <message>
      <source>Speed</source>
      <translation>Швидкість</translation>
    </message>
    <message>
      <source>The random seed: the same seed draws the same outcomes again.</source>
      <translation>Зерно генератора випадкових чисел: те саме зерно дає ті самі результати знову.</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>Зерно</translation>
    </message>
    <message>
      <source>bits</source>
      <translation>біти</translation>
    </message>
    <message>
      <source>nats</source>
      <translation>нати</translation>
    </message>
    <message>
      <source>Measure surprise with log base 2 (bits); the learning itself does not change.</source>
      <translation>Вимірювати здивування логарифмом за основою 2 (біти); саме навчання не змінюється.</translation>
    </message>
    <message>
      <source>Measure surprise with the natural log (nats); the learning itself does not change.</source>
      <translation>Вимірювати здивування натуральним логарифмом (нати); саме навчання не змінюється.</translation>
    </message>
    <message>
      <source>Units: bits</source>
      <translation>Одиниці: біти</translation>
    </message>
    <message>
      <source>Units: nats</source>
      <translation>Одиниці: нати</translation>
    </message>
    <message>
      <source>Units</source>
      <translation>Одиниці</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Пауза</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>Пуск</translation>
    </message>
    <message>
      <source>Type 2 to 12 probabilities that sum to 1.</source>
      <translation>Введіть від 2 до 12 ймовірностей, що в сумі дають 1.</translation>
    </message>
    <message>
      <source>✓ in use</source>
      <translation>✓ застосовано</translation>
    </message>
    <message>
      <source>Custom…</source>
      <translation>Власний…</translation>
    </message>
    <message>
      <source>✓ {n} outcomes — press Enter to use</source>
      <translation>✓ результатів: {n} — натисніть Enter, щоб застосувати</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Something went wrong</source>
      <translation>Щось пішло не так</translation>
    </message>
    <message>
      <source>An unexpected error: {kind}: {message}

The run is paused; the app keeps running and nothing saved was changed. Press Play to go on, or Reset.</source>
      <translation>Неочікувана помилка: {kind}: {message}

Запуск призупинено; програма працює далі, і нічого збереженого не змінено. Натисніть «Пуск», щоб продовжити, або «Скинути».</translation>
    </message>
    <message>
      <source>{n} errors so far; the details show the first.</source>
      <translation>Помилок досі: {n}; подробиці показують першу.</translation>
    </message>
  </context>
  <context>
    <name>Experiments</name>
    <message numerus="yes">
      <source>; {n} stuck in a local minimum</source>
      <translation>
        <numerusform>; {n} застряг у локальному мінімумі</numerusform>
        <numerusform>; {n} застрягли в локальному мінімумі</numerusform>
        <numerusform>; {n} застрягли в локальному мінімумі</numerusform>
      </translation>
    </message>
    <message>
      <source>{share} reached the global minimum (95 % interval {low} to {high})</source>
      <translation>частка, що дійшла до глобального мінімуму: {share} (довірчий інтервал 95 %: від {low} до {high})</translation>
    </message>
    <message>
      <source>Choose a population or a sweep and run it.</source>
      <translation>Оберіть популяцію чи перебір і запустіть.</translation>
    </message>
    <message>
      <source>Experiment not started</source>
      <translation>Експеримент не розпочато</translation>
    </message>
    <message>
      <source>Save population</source>
      <translation>Зберегти популяцію</translation>
    </message>
    <message>
      <source>Save sweep</source>
      <translation>Зберегти перебір</translation>
    </message>
    <message>
      <source>Final cross-entropy of each agent</source>
      <translation>Кінцева перехресна ентропія кожного агента</translation>
    </message>
    <message>
      <source>agents</source>
      <translation>агенти</translation>
    </message>
    <message>
      <source>Share reaching the global minimum</source>
      <translation>Частка, що дійшла до глобального мінімуму</translation>
    </message>
    <message>
      <source>share of agents (%)</source>
      <translation>частка агентів (%)</translation>
    </message>
    <message>
      <source>Experiments: how often does annealing escape?</source>
      <translation>Експерименти: як часто відпал вибирається з пастки?</translation>
    </message>
    <message>
      <source>Population</source>
      <translation>Популяція</translation>
    </message>
    <message>
      <source>Every agent uses this learner, with the main window's learning settings.</source>
      <translation>Кожен агент навчається цим методом, з налаштуваннями головного вікна.</translation>
    </message>
    <message>
      <source>Learner</source>
      <translation>Метод навчання</translation>
    </message>
    <message>
      <source>How many agents, each with its own outcomes (1 to 10,000).</source>
      <translation>Скільки агентів, кожен зі своїми результатами (від 1 до 10 000).</translation>
    </message>
    <message>
      <source>Agents</source>
      <translation>Агенти</translation>
    </message>
    <message>
      <source>How many outcomes each agent learns from.</source>
      <translation>На скількох результатах навчається кожен агент.</translation>
    </message>
    <message>
      <source>Outcomes each</source>
      <translation>Результатів на агента</translation>
    </message>
    <message>
      <source>Run the population</source>
      <translation>Запустити популяцію</translation>
    </message>
    <message>
      <source>Sweep</source>
      <translation>Перебір</translation>
    </message>
    <message>
      <source>The setting to vary; every other setting stays.</source>
      <translation>Налаштування, яке змінюється; решта лишаються.</translation>
    </message>
    <message>
      <source>Vary</source>
      <translation>Змінювати</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Від</translation>
    </message>
    <message>
      <source>To</source>
      <translation>До</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Точок</translation>
    </message>
    <message>
      <source>evenly spaced on a log scale</source>
      <translation>рівномірно в логарифмічній шкалі</translation>
    </message>
    <message>
      <source>Run the sweep</source>
      <translation>Запустити перебір</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Скасувати</translation>
    </message>
    <message>
      <source>Keep the results</source>
      <translation>Зберегти результати</translation>
    </message>
    <message>
      <source>Population as CSV…</source>
      <translation>Популяцію як CSV…</translation>
    </message>
    <message>
      <source>Sweep as CSV…</source>
      <translation>Перебір як CSV…</translation>
    </message>
    <message>
      <source>Where the agents ended</source>
      <translation>Де опинилися агенти</translation>
    </message>
    <message>
      <source>final H(p,q) ({unit})</source>
      <translation>кінцева H(p,q) ({unit})</translation>
    </message>
    <message>
      <source>H(p) = {value}</source>
      <translation>H(p) = {value}</translation>
    </message>
    <message>
      <source> (log scale)</source>
      <translation> (логарифмічна шкала)</translation>
    </message>
    <message numerus="yes">
      <source>Cancelled; {n} finished points are kept.</source>
      <translation>
        <numerusform>Скасовано; збережено {n} готову точку.</numerusform>
        <numerusform>Скасовано; збережено {n} готові точки.</numerusform>
        <numerusform>Скасовано; збережено {n} готових точок.</numerusform>
      </translation>
    </message>
    <message>
      <source>Not saved</source>
      <translation>Не збережено</translation>
    </message>
    <message>
      <source>World and belief from the main window: {world} Belief: {belief}. Learning rate {lr:g}, temperature {t:g}, seed {seed}.</source>
      <translation>Світ і переконання з головного вікна: {world} Переконання: {belief}. Швидкість навчання {lr:g}, температура {t:g}, зерно {seed}.</translation>
    </message>
    <message>
      <source>Not started: {reason}</source>
      <translation>Не розпочато: {reason}</translation>
    </message>
    <message>
      <source>Running {agents} × {steps} × {points}…</source>
      <translation>Триває: {agents} × {steps} × {points}…</translation>
    </message>
    <message numerus="yes">
      <source>{n} agents</source>
      <translation>
        <numerusform>{n} агент</numerusform>
        <numerusform>{n} агенти</numerusform>
        <numerusform>{n} агентів</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{n} outcomes</source>
      <translation>
        <numerusform>{n} результат</numerusform>
        <numerusform>{n} результати</numerusform>
        <numerusform>{n} результатів</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{n} points</source>
      <translation>
        <numerusform>{n} точка</numerusform>
        <numerusform>{n} точки</numerusform>
        <numerusform>{n} точок</numerusform>
      </translation>
    </message>
    <message>
      <source>Sweep done: {points}, each of {agents}.</source>
      <translation>Перебір завершено: {points}, у кожній — {agents}.</translation>
    </message>
  </context>
  <context>
    <name>Hands</name>
    <message>
      <source>Drag a bar of q up or down to set the belief by hand (free belief); in your own world, drag p's outline too. Click a bar, then use the arrow keys.</source>
      <translation>Перетягніть стовпчик q вгору чи вниз, щоб задати переконання вручну (вільне переконання); у власному світі перетягуйте й контур p. Клацніть стовпчик, а тоді користуйтеся клавішами зі стрілками.</translation>
    </message>
    <message>
      <source>Click or drag to put the agent there; with the plot selected, arrow keys move it.</source>
      <translation>Клацніть або перетягніть, щоб поставити туди агента; коли графік вибрано, клавіші зі стрілками його пересувають.</translation>
    </message>
    <message>
      <source>Move the agent</source>
      <translation>Перемістити агента</translation>
    </message>
    <message>
      <source>Drag the belief</source>
      <translation>Перетягнути переконання</translation>
    </message>
    <message>
      <source>Shape the world</source>
      <translation>Змінити світ</translation>
    </message>
    <message>
      <source>Belief not changed</source>
      <translation>Переконання не змінено</translation>
    </message>
    <message>
      <source>World not changed</source>
      <translation>Світ не змінено</translation>
    </message>
  </context>
  <context>
    <name>Lesson</name>
    <message>
      <source>Close lesson</source>
      <translation>Закрити урок</translation>
    </message>
    <message>
      <source>Hide the lesson; the current run goes on.</source>
      <translation>Сховати урок; поточний запуск триває.</translation>
    </message>
    <message>
      <source>Show the answer once the class has made its prediction.</source>
      <translation>Показати відповідь, коли клас зробить свій прогноз.</translation>
    </message>
    <message>
      <source>Reveal the answer</source>
      <translation>Показати відповідь</translation>
    </message>
    <message>
      <source>◀ Back</source>
      <translation>◀ Назад</translation>
    </message>
    <message>
      <source>The previous scene.</source>
      <translation>Попередня сцена.</translation>
    </message>
    <message>
      <source>Previous scene</source>
      <translation>Попередня сцена</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>Далі ▶</translation>
    </message>
    <message>
      <source>The next scene: it sets up its own world, belief and learner.</source>
      <translation>Наступна сцена: вона налаштовує свій світ, переконання й метод навчання.</translation>
    </message>
    <message>
      <source>Next scene</source>
      <translation>Наступна сцена</translation>
    </message>
    <message>
      <source>No scenes</source>
      <translation>Немає сцен</translation>
    </message>
    <message>
      <source>Hide the answer</source>
      <translation>Сховати відповідь</translation>
    </message>
    <message>
      <source>Scene {n} of {total}</source>
      <translation>Сцена {n} із {total}</translation>
    </message>
    <message>
      <source>Predict: </source>
      <translation>Спрогнозуйте: </translation>
    </message>
    <message>
      <source>Some scene files could not be used:</source>
      <translation>Деякі файли сцен не вдалося використати:</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Play / pause</source>
      <translation>Пуск / пауза</translation>
    </message>
    <message>
      <source>One step</source>
      <translation>Один крок</translation>
    </message>
    <message>
      <source>One step (one outcome)</source>
      <translation>Один крок (один результат)</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Скинути</translation>
    </message>
    <message>
      <source>Reset to step 0 (same seed, same outcomes)</source>
      <translation>Скинути до кроку 0 (те саме зерно, ті самі результати)</translation>
    </message>
    <message>
      <source>Learning rate × 2</source>
      <translation>Швидкість навчання × 2</translation>
    </message>
    <message>
      <source>Learning rate ÷ 2</source>
      <translation>Швидкість навчання ÷ 2</translation>
    </message>
    <message>
      <source>Temperature × 2</source>
      <translation>Температура × 2</translation>
    </message>
    <message>
      <source>Temperature ÷ 2</source>
      <translation>Температура ÷ 2</translation>
    </message>
    <message>
      <source>Weather</source>
      <translation>Погода</translation>
    </message>
    <message>
      <source>World: weather (rain 80 %)</source>
      <translation>Світ: погода (дощ 80 %)</translation>
    </message>
    <message>
      <source>Fair die</source>
      <translation>Чесний кубик</translation>
    </message>
    <message>
      <source>World: a fair die</source>
      <translation>Світ: чесний кубик</translation>
    </message>
    <message>
      <source>Weird die</source>
      <translation>Дивний кубик</translation>
    </message>
    <message>
      <source>World: a weird die (1, 2, 3, 4, 4, 4)</source>
      <translation>Світ: дивний кубик (1, 2, 3, 4, 4, 4)</translation>
    </message>
    <message>
      <source>Loaded die</source>
      <translation>Нечесний кубик</translation>
    </message>
    <message>
      <source>World: a loaded die (2 and 5)</source>
      <translation>Світ: нечесний кубик (2 і 5)</translation>
    </message>
    <message>
      <source>Your own world</source>
      <translation>Власний світ</translation>
    </message>
    <message>
      <source>Type your own distribution</source>
      <translation>Ввести власний розподіл</translation>
    </message>
    <message>
      <source>Change the world &amp;now…</source>
      <translation>Змінити світ &amp;зараз…</translation>
    </message>
    <message>
      <source>Change the world from this step on: a new p, the run goes on</source>
      <translation>Змінити світ від цього кроку: нове p, запуск триває</translation>
    </message>
    <message>
      <source>Leave presentation mode</source>
      <translation>Вийти з режиму презентації</translation>
    </message>
    <message>
      <source>&amp;Open session…</source>
      <translation>&amp;Відкрити сесію…</translation>
    </message>
    <message>
      <source>Open a saved session</source>
      <translation>Відкрити збережену сесію</translation>
    </message>
    <message>
      <source>&amp;Save session…</source>
      <translation>&amp;Зберегти сесію…</translation>
    </message>
    <message>
      <source>Save this run as a session</source>
      <translation>Зберегти цей запуск як сесію</translation>
    </message>
    <message>
      <source>Plots as &amp;PNG…</source>
      <translation>Графіки як &amp;PNG…</translation>
    </message>
    <message>
      <source>Export the plots as pictures (PNG)</source>
      <translation>Експортувати графіки як зображення (PNG)</translation>
    </message>
    <message>
      <source>Plots as &amp;SVG…</source>
      <translation>Графіки як &amp;SVG…</translation>
    </message>
    <message>
      <source>Export the plots as drawings (SVG)</source>
      <translation>Експортувати графіки як векторні рисунки (SVG)</translation>
    </message>
    <message>
      <source>History as &amp;CSV…</source>
      <translation>Історію як &amp;CSV…</translation>
    </message>
    <message>
      <source>Export every step of the run as a table (CSV)</source>
      <translation>Експортувати кожен крок запуску як таблицю (CSV)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>Ви&amp;йти</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Вийти</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Скасувати</translation>
    </message>
    <message>
      <source>Undo the last change made by hand</source>
      <translation>Скасувати останню зміну, зроблену вручну</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Повторити</translation>
    </message>
    <message>
      <source>Redo the change made by hand</source>
      <translation>Повторити зміну, зроблену вручну</translation>
    </message>
    <message>
      <source>&amp;Presentation mode</source>
      <translation>Режим &amp;презентації</translation>
    </message>
    <message>
      <source>Presentation mode on / off</source>
      <translation>Режим презентації увімк. / вимк.</translation>
    </message>
    <message>
      <source>Show &amp;controls</source>
      <translation>Показати &amp;керування</translation>
    </message>
    <message>
      <source>Show or hide the controls</source>
      <translation>Показати чи сховати керування</translation>
    </message>
    <message>
      <source>Show the &amp;lesson</source>
      <translation>Показати &amp;урок</translation>
    </message>
    <message>
      <source>Show or hide the lesson</source>
      <translation>Показати чи сховати урок</translation>
    </message>
    <message>
      <source>La&amp;rger text</source>
      <translation>&amp;Більший текст</translation>
    </message>
    <message>
      <source>Larger text</source>
      <translation>Більший текст</translation>
    </message>
    <message>
      <source>&amp;Smaller text</source>
      <translation>Ме&amp;нший текст</translation>
    </message>
    <message>
      <source>Smaller text</source>
      <translation>Менший текст</translation>
    </message>
    <message>
      <source>&amp;Normal text size</source>
      <translation>&amp;Звичайний розмір тексту</translation>
    </message>
    <message>
      <source>Normal text size</source>
      <translation>Звичайний розмір тексту</translation>
    </message>
    <message>
      <source>&amp;Add a learner to the race</source>
      <translation>&amp;Додати учасника перегонів</translation>
    </message>
    <message>
      <source>Add a learner to the race</source>
      <translation>Додати учасника перегонів</translation>
    </message>
    <message>
      <source>&amp;Remove every other learner</source>
      <translation>При&amp;брати всіх інших учасників</translation>
    </message>
    <message>
      <source>Remove every learner but the first</source>
      <translation>Прибрати всіх учасників, крім першого</translation>
    </message>
    <message>
      <source>&amp;Population and sweep…</source>
      <translation>&amp;Популяція і перебір…</translation>
    </message>
    <message>
      <source>Many learners at once: a population, a sweep</source>
      <translation>Багато учасників одразу: популяція, перебір</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Клавіатурні скорочення</translation>
    </message>
    <message>
      <source>This overview</source>
      <translation>Цей перелік</translation>
    </message>
    <message>
      <source>While you type in a text field, typing keys go to the field.</source>
      <translation>Поки ви вводите текст у поле, клавіші набору тексту потрапляють у це поле.</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Клавіатурні скорочення</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Файл</translation>
    </message>
    <message>
      <source>&amp;Export</source>
      <translation>&amp;Експорт</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Редагування</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Вигляд</translation>
    </message>
    <message>
      <source>Lan&amp;guage</source>
      <translation>&amp;Мова</translation>
    </message>
    <message>
      <source>E&amp;xperiments</source>
      <translation>&amp;Експерименти</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Довідка</translation>
    </message>
    <message>
      <source>Save session</source>
      <translation>Зберегти сесію</translation>
    </message>
    <message>
      <source>Sessions (*.json)</source>
      <translation>Сесії (*.json)</translation>
    </message>
    <message>
      <source>Open session</source>
      <translation>Відкрити сесію</translation>
    </message>
    <message>
      <source>Export plots</source>
      <translation>Експорт графіків</translation>
    </message>
    <message>
      <source>Export history</source>
      <translation>Експорт історії</translation>
    </message>
    <message>
      <source>Session not saved</source>
      <translation>Сесію не збережено</translation>
    </message>
    <message>
      <source>Session not opened</source>
      <translation>Сесію не відкрито</translation>
    </message>
    <message>
      <source>Plots not exported</source>
      <translation>Графіки не експортовано</translation>
    </message>
    <message>
      <source>History not exported</source>
      <translation>Історію не експортовано</translation>
    </message>
    <message>
      <source>Cross-Entropy Lab — learning is prediction</source>
      <translation>Лабораторія перехресної ентропії: навчання — це передбачення</translation>
    </message>
    <message>
      <source>New here? The guided lesson walks a class through it, scene by scene.</source>
      <translation>Уперше тут? Урок із покроковим поясненням проведе клас через усе, сцена за сценою.</translation>
    </message>
    <message>
      <source>Start the lesson (Ctrl+L)</source>
      <translation>Почати урок (Ctrl+L)</translation>
    </message>
    <message>
      <source>Not now</source>
      <translation>Не зараз</translation>
    </message>
    <message>
      <source>Start the lesson</source>
      <translation>Почати урок</translation>
    </message>
    <message>
      <source>▶ Playing</source>
      <translation>▶ Триває</translation>
    </message>
    <message>
      <source>▮▮ Paused</source>
      <translation>▮▮ Пауза</translation>
    </message>
    <message>
      <source>World</source>
      <translation>Світ</translation>
    </message>
    <message>
      <source>Learner</source>
      <translation>Метод навчання</translation>
    </message>
    <message>
      <source>Change the world now</source>
      <translation>Змінити світ зараз</translation>
    </message>
    <message>
      <source>World not changed</source>
      <translation>Світ не змінено</translation>
    </message>
    <message>
      <source>Language not changed</source>
      <translation>Мову не змінено</translation>
    </message>
    <message>
      <source>Setting not changed</source>
      <translation>Налаштування не змінено</translation>
    </message>
    <message>
      <source>Learner not added</source>
      <translation>Учасника не додано</translation>
    </message>
    <message>
      <source>learning rate {value}</source>
      <translation>швидкість навчання {value}</translation>
    </message>
    <message>
      <source>temperature {value}</source>
      <translation>температура {value}</translation>
    </message>
    <message>
      <source>The world has changed: now p = ({shown}).</source>
      <translation>Світ змінився: тепер p = ({shown}).</translation>
    </message>
    <message>
      <source>The new p of {outcomes}, from this step on (the run goes on):</source>
      <translation>Нове p для {outcomes} від цього кроку (запуск триває):</translation>
    </message>
    <message>
      <source>The world is changing slowly until step {end}; change it after that.</source>
      <translation>Світ поступово змінюється до кроку {end}; змініть його після цього.</translation>
    </message>
    <message>
      <source>(cooling from {start})</source>
      <translation>(охолоджується від {start})</translation>
    </message>
  </context>
  <context>
    <name>Panels</name>
    <message>
      <source>nat</source>
      <translation>нат</translation>
    </message>
    <message>
      <source>nats</source>
      <translation>нат</translation>
    </message>
    <message>
      <source>Press Play or Step to draw an outcome</source>
      <translation>Натисніть «Пуск» або «Крок», щоб отримати результат</translation>
    </message>
    <message>
      <source>bit</source>
      <translation>біт</translation>
    </message>
    <message>
      <source>bits</source>
      <translation>біт</translation>
    </message>
    <message>
      <source>Press Space to play or S for one step</source>
      <translation>Натисніть Пропуск, щоб запустити, або S — один крок</translation>
    </message>
    <message>
      <source>A: H(p,q): expected surprise</source>
      <translation>A: H(p,q): очікуване здивування</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>Крок</translation>
    </message>
    <message>
      <source>Last outcome: surprise</source>
      <translation>Останній результат: здивування</translation>
    </message>
    <message>
      <source>H(p) floor</source>
      <translation>H(p) нижня межа</translation>
    </message>
    <message>
      <source>H(p,q) cross-entropy</source>
      <translation>H(p,q) перехресна ентропія</translation>
    </message>
    <message>
      <source>D(p‖q) gap</source>
      <translation>D(p‖q) різниця</translation>
    </message>
    <message>
      <source>Perplexity</source>
      <translation>Перплексія</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Температура</translation>
    </message>
    <message>
      <source>Accepted (last 100)</source>
      <translation>Прийнято (з останніх 100)</translation>
    </message>
    <message>
      <source>The current numbers; perplexity is the 'effective number of outcomes'.</source>
      <translation>Поточні числа; перплексія — це «ефективна кількість результатів».</translation>
    </message>
    <message>
      <source>Belief q against truth p</source>
      <translation>Переконання q і справжній розподіл p</translation>
    </message>
    <message>
      <source>Bars of the truth p and the belief q for each outcome. With the free belief, drag a bar of q, or select it and press Up or Down; in your own world, p too.</source>
      <translation>Стовпчики справжнього розподілу p і переконання q для кожного результату. За вільного переконання перетягніть стовпчик q або виберіть його й натисніть «Вгору» чи «Вниз»; у власному світі — так само й p.</translation>
    </message>
    <message>
      <source>probability</source>
      <translation>ймовірність</translation>
    </message>
    <message>
      <source>Drew {label}: surprise −{log} q({label}) = {value} {unit}</source>
      <translation>Результат: {label}; здивування −{log} q({label}) = {value} {unit}</translation>
    </message>
    <message>
      <source>Surprise over time</source>
      <translation>Здивування з часом</translation>
    </message>
    <message>
      <source>The average surprise so far and the expected surprise H(p,q) over the outcomes seen, above the floor H(p); the gap between them is D(p‖q).</source>
      <translation>Середнє здивування досі й очікуване здивування H(p,q) за побаченими результатами, над нижньою межею H(p); різниця між ними — D(p‖q).</translation>
    </message>
    <message>
      <source>outcomes seen</source>
      <translation>побачено результатів</translation>
    </message>
    <message>
      <source>average surprise so far</source>
      <translation>середнє здивування досі</translation>
    </message>
    <message>
      <source>H(p): the floor, if q = p</source>
      <translation>H(p): межа, якби q = p</translation>
    </message>
    <message>
      <source>gap D(p‖q)</source>
      <translation>різниця D(p‖q)</translation>
    </message>
    <message>
      <source>Landscape: cross-entropy over beliefs</source>
      <translation>Ландшафт перехресної ентропії</translation>
    </message>
    <message>
      <source>The cross-entropy of every belief the agent can hold, its minima and the agent. Click or drag to put the agent there; arrow keys move it a grid cell.</source>
      <translation>Перехресна ентропія кожного переконання, яке може мати агент, її мінімуми й сам агент. Клацніть або перетягніть, щоб поставити туди агента; клавіші зі стрілками пересувають його на одну клітинку сітки.</translation>
    </message>
    <message>
      <source>global minimum</source>
      <translation>глобальний мінімум</translation>
    </message>
    <message>
      <source>the agent</source>
      <translation>агент</translation>
    </message>
    <message>
      <source>H(p,q): expected surprise</source>
      <translation>H(p,q): очікуване здивування</translation>
    </message>
    <message>
      <source>gap D(p‖q) = {value} {unit}</source>
      <translation>різниця D(p‖q) = {value} {unit}</translation>
    </message>
    <message>
      <source>local minimum</source>
      <translation>локальний мінімум</translation>
    </message>
    <message>
      <source>H(p,q) of each belief</source>
      <translation>H(p,q) для кожного переконання</translation>
    </message>
    <message>
      <source>p: the truth</source>
      <translation>p: справжній розподіл</translation>
    </message>
    <message>
      <source>q: the belief</source>
      <translation>q: переконання</translation>
    </message>
    <message>
      <source>A free belief has a number to learn for each outcome ({k} here): too many dimensions to draw. Its landscape is one bowl. Choose the hunch belief to see wells.</source>
      <translation>Вільне переконання має стільки чисел для навчання, скільки є результатів (тут їх {k}): забагато вимірів, щоб намалювати. Його ландшафт — одна чаша. Виберіть переконання «здогадка», щоб побачити западини.</translation>
    </message>
    <message>
      <source>belief q({label})</source>
      <translation>переконання q({label})</translation>
    </message>
    <message>
      <source>not reachable by this belief</source>
      <translation>недосяжне для цього переконання</translation>
    </message>
  </context>
  <context>
    <name>Race</name>
    <message>
      <source>solid line, round dot</source>
      <translation>суцільна лінія, кругла точка</translation>
    </message>
    <message>
      <source>dashed line, square</source>
      <translation>штрихова лінія, квадрат</translation>
    </message>
    <message>
      <source>dash-dot line, diamond</source>
      <translation>штрихпунктир, ромб</translation>
    </message>
    <message>
      <source>dotted line, triangle</source>
      <translation>пунктир, трикутник</translation>
    </message>
    <message>
      <source>H(p,q)</source>
      <translation>H(p,q)</translation>
    </message>
    <message>
      <source>D(p‖q) gap</source>
      <translation>різниця D(p‖q)</translation>
    </message>
    <message>
      <source>average surprise</source>
      <translation>середнє здивування</translation>
    </message>
    <message>
      <source>temperature</source>
      <translation>температура</translation>
    </message>
    <message>
      <source>Average surprise: You (the class) {you}; {agent}: {best}. Only knowing p pays the floor, H(p) averaged over these outcomes: {floor}.</source>
      <translation>Середнє здивування: ви (клас) — {you}; {agent} — {best}. Лише той, хто знає p, сплачує нижню межу — H(p), усереднене за цими результатами: {floor}.</translation>
    </message>
    <message>
      <source>Average surprise: You (the class) {you}; {agent}: {best}. Only knowing p pays the floor H(p) = {floor}.</source>
      <translation>Середнє здивування: ви (клас) — {you}; {agent} — {best}. Лише той, хто знає p, сплачує нижню межу H(p) = {floor}.</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Прибрати</translation>
    </message>
    <message>
      <source>Take this learner out of the race.</source>
      <translation>Вивести цього учасника з перегонів.</translation>
    </message>
    <message>
      <source>This learner's own method; it sees the lead's outcomes.</source>
      <translation>Власний метод цього учасника; він бачить ті самі результати, що й A.</translation>
    </message>
    <message>
      <source>Learner</source>
      <translation>Метод навчання</translation>
    </message>
    <message>
      <source>Race: learners on the same outcomes</source>
      <translation>Перегони: учасники на тих самих результатах</translation>
    </message>
    <message>
      <source>Add a learner</source>
      <translation>Додати учасника</translation>
    </message>
    <message>
      <source>Race another learner against this one: same world, same belief, same seed, so the very same outcomes.</source>
      <translation>Запустити ще одного учасника поруч: той самий світ, те саме переконання, те саме зерно, тож ті самі результати.</translation>
    </message>
    <message>
      <source>A: the learner set above ({line})</source>
      <translation>A: учасник, налаштований вище ({line})</translation>
    </message>
    <message>
      <source>Remove learner {letter}</source>
      <translation>Прибрати учасника {letter}</translation>
    </message>
    <message>
      <source>Learner {letter}</source>
      <translation>Учасник {letter}</translation>
    </message>
  </context>
  <context>
    <name>UnitAfterDecimal</name>
    <message>
      <source>nats</source>
      <translation>ната</translation>
    </message>
    <message>
      <source>bits</source>
      <translation>біта</translation>
    </message>
  </context>
  <context>
    <name>engine</name>
    <message>
      <source>Free: any distribution</source>
      <translation>Вільне: будь-який розподіл</translation>
    </message>
    <message>
      <source>Hunch: one favoured face</source>
      <translation>Здогадка: одна переважна грань</translation>
    </message>
    <message>
      <source>μ (favoured face)</source>
      <translation>μ (переважна грань)</translation>
    </message>
    <message>
      <source>a (strength)</source>
      <translation>a (сила)</translation>
    </message>
    <message>
      <source>every learner in a race shares the {name}; set it for the lead</source>
      <translation>усі учасники перегонів мають спільний параметр «{name}»; змініть його для A</translation>
    </message>
    <message>
      <source>a sweep has 2 to {high} points, not {value}</source>
      <translation>кількість точок перебору: від 2 до {high}, а не {value}</translation>
    </message>
    <message>
      <source>a sweep goes from a lower to a higher value, not {low:g} to {high:g}</source>
      <translation>перебір іде від меншого значення до більшого, а не від {low:g} до {high:g}</translation>
    </message>
    <message>
      <source>a sweep varies {choices}, not {value!r}</source>
      <translation>перебір змінює {choices}, а не {value!r}</translation>
    </message>
    <message>
      <source>a constant temperature has no cooling rate to sweep</source>
      <translation>стала температура не має темпу охолодження для перебору</translation>
    </message>
    <message>
      <source>a race has at most {n} learners</source>
      <translation>найбільша кількість учасників перегонів: {n}</translation>
    </message>
    <message>
      <source>a logarithmic sweep must start above 0, not at {low:g}</source>
      <translation>логарифмічний перебір має починатися вище 0, а не з {low:g}</translation>
    </message>
    <message>
      <source>{parameter} sweep: {problem}</source>
      <translation>перебір ({parameter}): {problem}</translation>
    </message>
    <message>
      <source>an experiment needs at least one setting to run</source>
      <translation>експерименту потрібне хоча б одне налаштування</translation>
    </message>
    <message>
      <source>a population has 1 to {high:,} agents, not {value!r}</source>
      <translation>кількість агентів у популяції: від 1 до {high:,}, а не {value!r}</translation>
    </message>
    <message>
      <source>each agent takes 1 to {high:,} steps, not {value!r}</source>
      <translation>кількість кроків кожного агента: від 1 до {high:,}, а не {value!r}</translation>
    </message>
    <message>
      <source>every point of a sweep has the same world and belief</source>
      <translation>усі точки перебору мають той самий світ і переконання</translation>
    </message>
    <message>
      <source>a rival is at step {rival}, the lead at step {lead}</source>
      <translation>суперник на кроці {rival}, а A — на кроці {lead}</translation>
    </message>
    <message>
      <source>every learner in a race shares the {name}; a rival's differs</source>
      <translation>усі учасники перегонів мають спільний параметр «{name}»; у суперника він інший</translation>
    </message>
    <message>
      <source>Permission denied</source>
      <translation>доступ заборонено</translation>
    </message>
    <message>
      <source>Operation not permitted</source>
      <translation>дію не дозволено</translation>
    </message>
    <message>
      <source>No such file or directory</source>
      <translation>немає такого файлу чи теки</translation>
    </message>
    <message>
      <source>Not a directory</source>
      <translation>це не тека</translation>
    </message>
    <message>
      <source>Is a directory</source>
      <translation>це тека</translation>
    </message>
    <message>
      <source>File exists</source>
      <translation>файл уже існує</translation>
    </message>
    <message>
      <source>No space left on device</source>
      <translation>на диску не лишилося місця</translation>
    </message>
    <message>
      <source>Disk quota exceeded</source>
      <translation>перевищено дискову квоту</translation>
    </message>
    <message>
      <source>File too large</source>
      <translation>файл завеликий</translation>
    </message>
    <message>
      <source>File name too long</source>
      <translation>назва файлу задовга</translation>
    </message>
    <message>
      <source>Read-only file system</source>
      <translation>файлова система лише для читання</translation>
    </message>
    <message>
      <source>Input/output error</source>
      <translation>помилка введення-виведення</translation>
    </message>
    <message>
      <source>Too many levels of symbolic links</source>
      <translation>забагато рівнів символьних посилань</translation>
    </message>
    <message>
      <source>cannot write {path}: it is a folder; choose a file name</source>
      <translation>не вдалося записати {path}: це тека; оберіть назву файлу</translation>
    </message>
    <message>
      <source>cannot write {path!r}: it is not a file name</source>
      <translation>не вдалося записати {path!r}: це не назва файлу</translation>
    </message>
    <message>
      <source>cannot write {path}: the folder {folder} does not exist</source>
      <translation>не вдалося записати {path}: теки {folder} не існує</translation>
    </message>
    <message>
      <source>cannot write {path}: {reason}</source>
      <translation>не вдалося записати {path}: {reason}</translation>
    </message>
    <message>
      <source>session file</source>
      <translation>файл сесії</translation>
    </message>
    <message>
      <source>scene file</source>
      <translation>файл сцени</translation>
    </message>
    <message>
      <source>Expecting value</source>
      <translation>очікувалося значення</translation>
    </message>
    <message>
      <source>Expecting ',' delimiter</source>
      <translation>очікувалася кома</translation>
    </message>
    <message>
      <source>Expecting ':' delimiter</source>
      <translation>очікувалася двокрапка</translation>
    </message>
    <message>
      <source>Expecting property name enclosed in double quotes</source>
      <translation>очікувалася назва поля в подвійних лапках</translation>
    </message>
    <message>
      <source>Unterminated string starting at</source>
      <translation>лапки не закрито</translation>
    </message>
    <message>
      <source>Invalid control character at</source>
      <translation>недопустимий керівний символ</translation>
    </message>
    <message>
      <source>Invalid \escape</source>
      <translation>недопустимий символ після зворотної похилої риски</translation>
    </message>
    <message>
      <source>Invalid \uXXXX escape</source>
      <translation>недопустимий код символу «\uXXXX»</translation>
    </message>
    <message>
      <source>Extra data</source>
      <translation>зайві дані після кінця JSON</translation>
    </message>
    <message>
      <source>Illegal trailing comma before end of array</source>
      <translation>зайва кома перед кінцем списку</translation>
    </message>
    <message>
      <source>Illegal trailing comma before end of object</source>
      <translation>зайва кома перед кінцем об'єкта</translation>
    </message>
    <message>
      <source>Unexpected UTF-8 BOM (decode using utf-8-sig)</source>
      <translation>зайва позначка порядку байтів «BOM» на початку</translation>
    </message>
    <message>
      <source>is nested {depth:,} levels deep; a {kind} is at most {high} deep</source>
      <translation>глибина вкладеності — {depth:,}, а {kind} допускає щонайбільше {high}</translation>
    </message>
    <message>
      <source>is a folder, not a {kind}</source>
      <translation>це тека, а не {kind}</translation>
    </message>
    <message>
      <source>is {size:,} bytes; a {kind} is at most {high:,}</source>
      <translation>розмір у байтах — {size:,}, а {kind} може мати щонайбільше {high:,}</translation>
    </message>
    <message>
      <source>no such file</source>
      <translation>такого файлу немає</translation>
    </message>
    <message>
      <source>cannot be read ({reason})</source>
      <translation>не вдалося прочитати ({reason})</translation>
    </message>
    <message>
      <source>is not UTF-8 text (byte {position})</source>
      <translation>це не текст у кодуванні «UTF-8» (байт {position})</translation>
    </message>
    <message>
      <source>is nested too deeply for a {kind}</source>
      <translation>вкладеність надто глибока: {kind} такої не допускає</translation>
    </message>
    <message>
      <source>is not valid JSON ({reason} at line {line}, column {column}); is it truncated?</source>
      <translation>це не коректний JSON ({reason}: рядок {line}, стовпець {column}); можливо, файл обрізано?</translation>
    </message>
    <message>
      <source>"{name}" must be text or {{"en": ..., "uk": ...}}, not {value!r}</source>
      <translation>"{name}" має бути текстом або {{"en": ..., "uk": ...}}, а не {value!r}</translation>
    </message>
    <message>
      <source>"{name}" has no English text</source>
      <translation>"{name}" не має англійського тексту</translation>
    </message>
    <message>
      <source>"speed" must be outcomes per second or "max", not {value!r}</source>
      <translation>"speed" має бути кількістю результатів за секунду або "max", а не {value!r}</translation>
    </message>
    <message>
      <source>"speed" is {value:g}; it must be from {low:g} to {high:,g}, or "max"</source>
      <translation>"speed": {value:g}; має бути від {low:g} до {high:,g} або "max"</translation>
    </message>
    <message>
      <source>"show" must be a non-empty list of names, not {value!r}</source>
      <translation>"show" має бути непорожнім списком назв, а не {value!r}</translation>
    </message>
    <message>
      <source>a scene must be a JSON object, not {kind}</source>
      <translation>сцена має бути об'єктом JSON, а не {kind}</translation>
    </message>
    <message>
      <source>"format" is missing (this version reads format 1)</source>
      <translation>немає поля "format" (ця версія читає формат 1)</translation>
    </message>
    <message>
      <source>"format" is {value!r}; this version reads format {format}</source>
      <translation>"format": {value!r}; ця версія читає формат {format}</translation>
    </message>
    <message>
      <source>unknown field "{name}"</source>
      <translation>невідоме поле "{name}"</translation>
    </message>
    <message>
      <source>"{name}" is missing</source>
      <translation>немає поля "{name}"</translation>
    </message>
    <message>
      <source>"setup" must be a JSON object, not {value!r}</source>
      <translation>"setup" має бути об'єктом JSON, а не {value!r}</translation>
    </message>
    <message>
      <source>unknown setup field "{name}"</source>
      <translation>невідоме поле "{name}" у "setup"</translation>
    </message>
    <message>
      <source>"{name}" in {lang!r} must be text, not {text!r}</source>
      <translation>"{name}" мовою {lang!r} має бути текстом, а не {text!r}</translation>
    </message>
    <message>
      <source>"show" has {value!r}; choose from {choices}</source>
      <translation>"show" містить {value!r}; оберіть із: {choices}</translation>
    </message>
    <message>
      <source>{problem}</source>
      <translation>{problem}</translation>
    </message>
    <message>
      <source>{file}: {problem}</source>
      <translation>{file}: {problem}</translation>
    </message>
    <message>
      <source>{folder}: no scene files (*.json) found</source>
      <translation>{folder}: не знайдено файлів сцен (*.json)</translation>
    </message>
    <message>
      <source>{folder}: the lesson folder cannot be read ({reason})</source>
      <translation>{folder}: теку уроку не вдалося прочитати ({reason})</translation>
    </message>
    <message>
      <source>learning rate</source>
      <translation>швидкість навчання</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>Швидкість навчання</translation>
    </message>
    <message>
      <source>window</source>
      <translation>вікно</translation>
    </message>
    <message>
      <source>Window</source>
      <translation>Вікно</translation>
    </message>
    <message>
      <source>temperature</source>
      <translation>температура</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Температура</translation>
    </message>
    <message>
      <source>cooling</source>
      <translation>охолодження</translation>
    </message>
    <message>
      <source>Cooling</source>
      <translation>Охолодження</translation>
    </message>
    <message>
      <source>cooling rate</source>
      <translation>темп охолодження</translation>
    </message>
    <message>
      <source>Cooling rate</source>
      <translation>Темп охолодження</translation>
    </message>
    <message>
      <source>annealing window</source>
      <translation>вікно відпалу</translation>
    </message>
    <message>
      <source>step size</source>
      <translation>розмір кроку</translation>
    </message>
    <message>
      <source>Step size</source>
      <translation>Розмір кроку</translation>
    </message>
    <message>
      <source>Gradient descent</source>
      <translation>Градієнтний спуск</translation>
    </message>
    <message>
      <source>Simulated annealing</source>
      <translation>Імітація відпалу</translation>
    </message>
    <message>
      <source>None (the belief stays fixed)</source>
      <translation>Без навчання (переконання не змінюється)</translation>
    </message>
    <message>
      <source>You (set the belief by hand)</source>
      <translation>Ви (переконання задаєте вручну)</translation>
    </message>
    <message>
      <source>How big a step the agent takes after each surprise: too small is slow, too large overshoots.</source>
      <translation>Наскільки великий крок робить агент після кожного здивування: замалий — повільно, завеликий — проскакує.</translation>
    </message>
    <message>
      <source>How willing the annealer is to accept a worse belief: hot explores, cold exploits.</source>
      <translation>Наскільки охоче відпал приймає гірше переконання: за високої температури алгоритм досліджує, за низької — використовує знайдене.</translation>
    </message>
    <message>
      <source>How the temperature falls as outcomes arrive: not at all, by a fixed factor, or slowly.</source>
      <translation>Як спадає температура з надходженням результатів: ніяк, у сталу кількість разів або повільно.</translation>
    </message>
    <message>
      <source>Geometric: the temperature is multiplied by this after each outcome.</source>
      <translation>Геометричне: після кожного результату температура множиться на це число.</translation>
    </message>
    <message>
      <source>gradient descent, rate {value}</source>
      <translation>градієнтний спуск, швидкість {value}</translation>
    </message>
    <message>
      <source>a {parameter} sweep needs gradient descent (the learner now: {learner})</source>
      <translation>перебір за параметром «{parameter}» потребує градієнтного спуску (зараз метод навчання: {learner})</translation>
    </message>
    <message>
      <source>annealing, T {value}</source>
      <translation>відпал, T {value}</translation>
    </message>
    <message>
      <source>a {parameter} sweep needs simulated annealing (the learner now: {learner})</source>
      <translation>перебір за параметром «{parameter}» потребує імітації відпалу (зараз метод навчання: {learner})</translation>
    </message>
    <message>
      <source>no learning</source>
      <translation>без навчання</translation>
    </message>
    <message>
      <source>You (the class)</source>
      <translation>Ви (клас)</translation>
    </message>
    <message>
      <source>constant</source>
      <translation>стале</translation>
    </message>
    <message>
      <source>geometric</source>
      <translation>геометричне</translation>
    </message>
    <message>
      <source>logarithmic</source>
      <translation>логарифмічне</translation>
    </message>
    <message>
      <source>rival {position}: {problem}</source>
      <translation>суперник {position}: {problem}</translation>
    </message>
    <message>
      <source>settings: "{name}" must be a list of numbers, not {value}</source>
      <translation>налаштування: "{name}" має бути списком чисел, а не {value}</translation>
    </message>
    <message>
      <source>"settings" must be a JSON object, not {value}</source>
      <translation>"settings" має бути об'єктом JSON, а не {value}</translation>
    </message>
    <message>
      <source>unknown setting "{name}"</source>
      <translation>невідоме налаштування "{name}"</translation>
    </message>
    <message>
      <source>setting "{name}" is missing</source>
      <translation>немає налаштування "{name}"</translation>
    </message>
    <message>
      <source>"{name}" must be a list, not {value}</source>
      <translation>"{name}" має бути списком, а не {value}</translation>
    </message>
    <message>
      <source>{count:,} changes; a session holds at most {high:,}</source>
      <translation>кількість змін: {count:,}; сесія може містити щонайбільше {high:,}</translation>
    </message>
    <message>
      <source>change {position}: "{name}" must be {n} finite numbers, not {value}</source>
      <translation>зміна {position}: "{name}" — потрібні скінченні числа (кількість: {n}), а не {value}</translation>
    </message>
    <message>
      <source>a race has at most {high} rivals, not {count}</source>
      <translation>кількість суперників: {count}; у перегонах їх може бути щонайбільше {high}</translation>
    </message>
    <message>
      <source>{path} is a folder; choose a file name</source>
      <translation>{path} — це тека; оберіть назву файлу</translation>
    </message>
    <message>
      <source>this session (format version 1) has {steps:,} steps and no stored state, so it can only be opened by running it again, which is allowed up to {max_steps:,} steps and {max_changes:,} changes; save it again with a newer version of the app</source>
      <translation>ця сесія (формат версії 1) не має збереженого стану, а кроків у ній {steps:,}; таку сесію можна відкрити, лише відтворивши запуск спочатку, а це дозволено, коли кроків не більше ніж {max_steps:,}, а змін — не більше ніж {max_changes:,}; збережіть її знову в новішій версії програми</translation>
    </message>
    <message>
      <source>a session must be a JSON object, not {kind}</source>
      <translation>сесія має бути об'єктом JSON, а не {kind}</translation>
    </message>
    <message>
      <source>not a Cross-Entropy Lab session ("format" is {value})</source>
      <translation>це не сесія Лабораторії перехресної ентропії ("format": {value})</translation>
    </message>
    <message>
      <source>format version {value}; this version of the app reads versions {low} and {high}</source>
      <translation>версія формату: {value}; ця версія програми читає версії {low} і {high}</translation>
    </message>
    <message>
      <source>"steps" must be a whole number from 0 to {high:,}, not {value}</source>
      <translation>"steps" має бути цілим числом від 0 до {high:,}, а не {value}</translation>
    </message>
    <message>
      <source>"{name}" differs</source>
      <translation>"{name}" відрізняється</translation>
    </message>
    <message>
      <source>settings: "{name}" must be a list of text, not {value}</source>
      <translation>налаштування: "{name}" має бути списком текстів, а не {value}</translation>
    </message>
    <message>
      <source>settings: {problem}</source>
      <translation>налаштування: {problem}</translation>
    </message>
    <message>
      <source>change {position} must be [step, {lbrace}setting: value{rbrace}], not {value}</source>
      <translation>зміна {position} має бути записом [крок, {lbrace}налаштування: значення{rbrace}], а не {value}</translation>
    </message>
    <message>
      <source>change {position} is at step {step}, outside 0 to {steps} or out of order</source>
      <translation>зміна {position} стоїть на кроці {step}, поза межами від 0 до {steps} або не за порядком</translation>
    </message>
    <message>
      <source>change {position}: the world's changes before step {step} cannot change</source>
      <translation>зміна {position}: не можна змінювати те, яким світ був до кроку {step}</translation>
    </message>
    <message>
      <source>rival {position} must be {{"settings": ..., "changes": [...]}}</source>
      <translation>суперник {position} має бути об'єктом {{"settings": ..., "changes": [...]}}</translation>
    </message>
    <message>
      <source>"{name}" must be a JSON object</source>
      <translation>"{name}" має бути об'єктом JSON</translation>
    </message>
    <message>
      <source>change {position}: {name} cannot change during a run</source>
      <translation>зміна {position}: {name} не можна змінювати під час запуску</translation>
    </message>
    <message>
      <source>change {position}: {problem}</source>
      <translation>зміна {position}: {problem}</translation>
    </message>
    <message>
      <source>rival {position} must be {{"settings": ..., "changes": [...], "state": {{...}}}}</source>
      <translation>суперник {position} має бути об'єктом {{"settings": ..., "changes": [...], "state": {{...}}}}</translation>
    </message>
    <message>
      <source>the state is at step {step}, not at "steps" ({steps})</source>
      <translation>стан збережено на кроці {step}, а "steps" — {steps}</translation>
    </message>
    <message>
      <source>"speed" must be from {low:g} to {high:,g} or "max", not {value}</source>
      <translation>"speed" має бути від {low:g} до {high:,g} або "max", а не {value}</translation>
    </message>
    <message>
      <source>its {name} differs from the lead's</source>
      <translation>параметр «{name}» не такий, як у A</translation>
    </message>
    <message>
      <source>the stored state does not match a replay of the run's settings and changes ({problem}): the file was edited or is damaged</source>
      <translation>збережений стан не збігається з відтворенням запуску за його налаштуваннями та змінами ({problem}): файл редагували, або його пошкоджено</translation>
    </message>
    <message>
      <source>{name} must be a number, not {value!r}</source>
      <translation>{name}: має бути число, а не {value!r}</translation>
    </message>
    <message>
      <source>{name} is NaN; it must be a number from {low:g} to {high:g}</source>
      <translation>{name}: NaN; має бути число від {low:g} до {high:g}</translation>
    </message>
    <message>
      <source>{name} must be a whole number, not {value!r}</source>
      <translation>{name}: має бути ціле число, а не {value!r}</translation>
    </message>
    <message>
      <source>{name} is {value}; it must be from {low} to {high}</source>
      <translation>{name}: {value}; має бути від {low} до {high}</translation>
    </message>
    <message>
      <source>{name} must be a list of changes such as "2000:0.3,0.7", not {value}</source>
      <translation>{name} має бути списком змін на зразок "2000:0.3,0.7", а не {value}</translation>
    </message>
    <message>
      <source>{name}: {count} changes of the world; at most {high}</source>
      <translation>{name}: змін світу — {count}; щонайбільше {high}</translation>
    </message>
    <message>
      <source>{name} {change}: write STEP:P1,P2,... (e.g. 2000:0.3,0.7) or FROM-TO:P1,P2,... for a drift</source>
      <translation>{name} {change}: пишіть КРОК:p₁,p₂,... (наприклад, 2000:0.3,0.7) або ВІД-ДО:p₁,p₂,... для поступової зміни</translation>
    </message>
    <message>
      <source>{name} {change}: a drift must end after it starts</source>
      <translation>{name} {change}: поступова зміна має закінчуватися пізніше, ніж починається</translation>
    </message>
    <message>
      <source>{name} {change}: {count} probabilities, but this world has {n} outcomes</source>
      <translation>{name} {change}: імовірностей — {count}, а результатів у цьому світі — {n}</translation>
    </message>
    <message>
      <source>unknown world {value}; choose {choices}</source>
      <translation>невідомий світ {value}; оберіть {choices}</translation>
    </message>
    <message>
      <source>{p} and {labels} go with {custom}; the {world} world has its own probabilities and labels</source>
      <translation>поля {p} і {labels} — лише для {custom}; світ {world} має власні ймовірності й назви</translation>
    </message>
    <message>
      <source>unknown setting {name!r}</source>
      <translation>невідоме налаштування {name!r}</translation>
    </message>
    <message>
      <source>{name} is {value:g}; it must be above {low:g} to {high:g}</source>
      <translation>{name}: {value:g}; має бути більше за {low:g} і не більше за {high:g}</translation>
    </message>
    <message>
      <source>{name} is {value:g}; it must be from {low:g} to {high:g}</source>
      <translation>{name}: {value:g}; має бути від {low:g} до {high:g}</translation>
    </message>
    <message>
      <source>world must be a World, not {value!r}</source>
      <translation>світ має бути типу World, а не {value!r}</translation>
    </message>
    <message>
      <source>unknown belief {value!r}; choose {choices}</source>
      <translation>невідоме переконання {value!r}; оберіть {choices}</translation>
    </message>
    <message>
      <source>unknown learner {value!r}; choose {choices}</source>
      <translation>невідомий метод навчання {value!r}; оберіть {choices}</translation>
    </message>
    <message>
      <source>unknown cooling {value!r}; choose {choices}</source>
      <translation>невідоме охолодження {value!r}; оберіть {choices}</translation>
    </message>
    <message>
      <source>unknown units {value!r}; choose bits or nats</source>
      <translation>невідомі одиниці {value!r}; оберіть «bits» або «nats»</translation>
    </message>
    <message>
      <source>seed</source>
      <translation>зерно</translation>
    </message>
    <message>
      <source>{name} {change}: it starts at step {step}, before the change before it ends (step {end}); give the changes in order</source>
      <translation>{name} {change}: ця зміна починається на кроці {step}, ще до кінця попередньої (крок {end}); подайте зміни по порядку</translation>
    </message>
    <message>
      <source>{name} {change}: not a distribution: {problem}</source>
      <translation>{name} {change}: це не розподіл: {problem}</translation>
    </message>
    <message>
      <source>{name} {change}: step {step} is out of range; a change comes between step 0 and {high:,}</source>
      <translation>{name} {change}: крок {step} — поза межами; зміна можлива від кроку 0 до {high:,}</translation>
    </message>
    <message>
      <source>a custom world needs {p}, the probabilities, e.g. 0.5, 0.3, 0.2</source>
      <translation>власному світові потрібне поле {p} — імовірності, напр. 0,5; 0,3; 0,2</translation>
    </message>
    <message>
      <source>{name} must be a list of numbers, not {value}</source>
      <translation>{name}: має бути список чисел, а не {value}</translation>
    </message>
    <message>
      <source>{name} must be a list of text, not {value}</source>
      <translation>{name}: має бути список текстів, а не {value}</translation>
    </message>
    <message>
      <source>{name} has {count} values; the {belief} belief on this world has {n}</source>
      <translation>{name}: значень — {count}; переконання «{belief}» у цьому світі має параметрів: {n}</translation>
    </message>
    <message>
      <source>start must be finite numbers, not {value!r}</source>
      <translation>початок має бути скінченними числами, а не {value!r}</translation>
    </message>
    <message>
      <source>custom world: {problem}</source>
      <translation>власний світ: {problem}</translation>
    </message>
    <message>
      <source>probabilities</source>
      <translation>ймовірності</translation>
    </message>
    <message>
      <source>entry {position} is {entry!r}, not a number</source>
      <translation>елемент {position} — {entry!r}, а не число</translation>
    </message>
    <message>
      <source>expected text, got {kind}</source>
      <translation>очікувався текст, отримано {kind}</translation>
    </message>
    <message>
      <source>no probabilities given</source>
      <translation>не задано жодної ймовірності</translation>
    </message>
    <message>
      <source>no {name} given</source>
      <translation>не задано: {name}</translation>
    </message>
    <message>
      <source>{n} outcomes given; at most {high} allowed</source>
      <translation>задано результатів: {n}; дозволено щонайбільше {high}</translation>
    </message>
    <message>
      <source>{name} sum to {total}, not 1</source>
      <translation>{name}: сума {total}, а не 1</translation>
    </message>
    <message>
      <source>p has {n} outcomes but q has {m}</source>
      <translation>кількість результатів: у p — {n}, а в q — {m}</translation>
    </message>
    <message>
      <source>entry {position} is empty</source>
      <translation>елемент {position} порожній</translation>
    </message>
    <message>
      <source>{n} outcome given; at least {low} are needed</source>
      <translation>задано результатів: {n}; потрібно щонайменше {low}</translation>
    </message>
    <message>
      <source>{n} outcomes given; at least {low} are needed</source>
      <translation>задано результатів: {n}; потрібно щонайменше {low}</translation>
    </message>
    <message>
      <source>entry {position} is NaN, not a probability</source>
      <translation>елемент {position} — NaN, а не ймовірність</translation>
    </message>
    <message>
      <source>entry {position} is infinite, not a probability</source>
      <translation>елемент {position} нескінченний, а не ймовірність</translation>
    </message>
    <message>
      <source>entry {position} is {value}, a negative probability</source>
      <translation>елемент {position} — {value}, від'ємна ймовірність</translation>
    </message>
    <message>
      <source>entry {position} is {value}, more than 1: not a probability</source>
      <translation>елемент {position} дорівнює {value}, більше за 1: це не ймовірність</translation>
    </message>
    <message>
      <source>{name} sum to {total}; cannot normalise</source>
      <translation>{name}: сума {total}; нормалізувати неможливо</translation>
    </message>
    <message>
      <source>{name} must be a list of numbers, not {values!r}</source>
      <translation>{name}: має бути список чисел, а не {values!r}</translation>
    </message>
    <message>
      <source>A world you typed in: p = ({shown}).</source>
      <translation>Світ, який ви ввели: p = ({shown}).</translation>
    </message>
    <message>
      <source>Tomorrow's weather: it rains on 80 % of days.</source>
      <translation>Завтрашня погода: дощ іде у 80 % днів.</translation>
    </message>
    <message>
      <source>A fair die: every face comes up one time in six.</source>
      <translation>Чесний кубик: кожна грань випадає один раз із шести.</translation>
    </message>
    <message>
      <source>A weird die with faces 1, 2, 3, 4, 4, 4: a 4 comes up half the time.</source>
      <translation>Дивний кубик із гранями 1, 2, 3, 4, 4, 4: четвірка випадає в половині випадків.</translation>
    </message>
    <message>
      <source>A die loaded toward two faces: 2 comes up 45 % of the time, 5 comes up 35 %.</source>
      <translation>Нечесний кубик, що випадає переважно на дві грані: 2 — у 45 % випадків, 5 — у 35 %.</translation>
    </message>
    <message>
      <source>rain</source>
      <translation>дощ</translation>
    </message>
    <message>
      <source>no rain</source>
      <translation>без дощу</translation>
    </message>
    <message>
      <source>the labels do not match the outcomes: labels given: {n}; outcomes: {m}</source>
      <translation>назви не відповідають результатам: назв задано: {n}; результатів: {m}</translation>
    </message>
    <message>
      <source>an outcome label is empty</source>
      <translation>назва результату порожня</translation>
    </message>
    <message>
      <source>the label {label!r} is too long or has control characters; use up to {high} ordinary characters</source>
      <translation>назва {label!r} задовга або містить керівні символи; дозволено щонайбільше звичайних символів: {high}</translation>
    </message>
    <message>
      <source>the label {label!r} is used twice</source>
      <translation>назва {label!r} використана двічі</translation>
    </message>
  </context>
</TS>
