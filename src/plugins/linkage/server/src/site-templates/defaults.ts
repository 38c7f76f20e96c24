// The templates the plugin ships and seeds: the city designs the sites with these, and may change
// them in the Content Manager. Liquid, output escaped; semantic HTML that works without JavaScript.

const layout = `<!doctype html>
<html lang="{{ page.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }} · {{ site.siteName }}</title>
<link rel="stylesheet" href="{{ page.stylesheet }}">
</head>
<body>
<a class="skip" href="#main">{{ t.skipToContent }}</a>
<header class="site-header">
  <p class="site-name"><a href="{{ site.url }}?locale={{ page.locale }}">{{ site.siteName }}</a></p>
  <nav aria-label="{{ t.languages }}" class="languages">
    <ul>{% for l in page.languages %}<li>{% if l.current %}<span aria-current="true">{{ l.label }}</span>{% else %}<a href="{{ l.url }}" lang="{{ l.code }}" hreflang="{{ l.code }}">{{ l.label }}</a>{% endif %}</li>{% endfor %}</ul>
  </nav>
  <nav aria-label="{{ t.breadcrumb }}" class="breadcrumb">
    <ol>{% for a in site.ancestors %}<li>{% unless forloop.first %}<span class="separator" aria-hidden="true">›</span>{% endunless %}<a href="{{ a.url }}?locale={{ page.locale }}">{{ a.name }}</a></li>{% endfor %}<li>{% if site.ancestors.size > 0 %}<span class="separator" aria-hidden="true">›</span>{% endif %}{% if item %}<a href="{{ site.url }}?locale={{ page.locale }}">{{ site.unit.name }}</a>{% else %}<span aria-current="page">{{ site.unit.name }}</span>{% endif %}</li>{% if item %}<li><span class="separator" aria-hidden="true">›</span>{% if route %}<a href="{{ item.url }}?locale={{ page.locale }}">{{ item.title }}</a>{% else %}<span aria-current="page">{{ item.title }}</span>{% endif %}</li>{% endif %}{% if route %}<li><span class="separator" aria-hidden="true">›</span><span aria-current="page">{{ t.route }}</span></li>{% endif %}</ol>
  </nav>
  {% if site.host and site.host.code != site.unit.code %}<p class="served-by">{{ t.servedBy | replace: '{site}', site.host.name }}</p>{% endif %}
</header>
<main id="main">
{% block content %}{% endblock %}
</main>
<footer class="site-footer"><p>{{ site.unit.name }} · {{ site.unit.levelName }}</p></footer>
</body>
</html>
`;

const siteIndex = `{% layout 'layout' %}{% block content %}
<h1>{{ site.siteName }}</h1>
<section aria-labelledby="items-heading">
  <h2 id="items-heading">{{ t.items }}</h2>
  {% if items.size == 0 %}<p>{{ t.noItems }}</p>{% endif %}
  <ul class="items">
  {% for item in items %}
    <li>
      <h3><a href="{{ item.url }}?locale={{ page.locale }}">{{ item.title }}</a></h3>
      <p>{{ item.summary }}</p>
      {% if item.stages.size > 0 and isCity == false %}
      <p>{{ t.yourStages }}{{ t.colon }}</p>
      <ul>{% for s in item.stages %}<li><a href="{{ item.url }}?locale={{ page.locale }}#stage-{{ s.key }}">{{ s.name }}</a>{% if s.status == 'missing' %} <span class="pending">· {{ t.guideNotOnline }}</span>{% endif %}</li>{% endfor %}</ul>
      {% endif %}
    </li>
  {% endfor %}
  </ul>
</section>
{% if site.children.size > 0 %}
<section aria-labelledby="children-heading">
  <h2 id="children-heading">{{ t.children }}</h2>
  <ul class="children">{% for c in site.children %}<li><a href="{{ c.url }}?locale={{ page.locale }}">{{ c.name }}</a></li>{% endfor %}</ul>
</section>
{% endif %}
{% endblock %}
`;

const guidePage = `<section class="guide" id="{{ entry.anchor }}" aria-labelledby="{{ entry.anchor }}-heading">
  <h3 id="{{ entry.anchor }}-heading">{{ entry.stage.name }}</h3>
  <p class="meta">{{ entry.stage.levelName }}{% if entry.department %} · {{ t.handledBy }}{{ t.colon }}{{ entry.department.name }}{% endif %}</p>
  {% unless entry.stage.always %}<p class="applies"><strong>{{ t.appliesWhen }}{{ t.colon }}</strong>{{ entry.stage.condition }}</p>{% endunless %}
  {% assign g = entry.guide %}
  {% if g.status == 'missing' %}
  <p class="notice">{{ t.missingGuide }}{% if entry.department %}{{ entry.department.name }}{% if entry.department.phone %}{{ t.listSeparator }}{{ t.phone }}{{ t.colon }}{{ entry.department.phone }}{% endif %}{% endif %}</p>
  {% else %}
  {% if g.status == 'incomplete' %}<p class="notice">{{ t.incompleteGuide }}{{ g.missingFieldNames | join: t.listSeparator }}</p>{% endif %}
  <dl>
    {% if g.conditions %}<dt>{{ t.conditions }}</dt><dd class="text">{{ g.conditions }}</dd>{% endif %}
    {% if g.timeLimit %}<dt>{{ t.timeLimit }}</dt><dd>{% if g.timeLimit.statutoryDays %}{{ t.statutoryDays }} {{ g.timeLimit.statutoryDays }} {{ t.workingDays }}{% endif %}{% if g.timeLimit.statutoryDays and g.timeLimit.promisedDays %}{{ t.semicolon }}{% endif %}{% if g.timeLimit.promisedDays %}{{ t.promisedDays }} {{ g.timeLimit.promisedDays }} {{ t.workingDays }}{% endif %}</dd>{% endif %}
    {% if g.fee %}<dt>{{ t.fee }}</dt><dd>{{ g.fee }}</dd>{% endif %}
    {% if g.address %}<dt>{{ t.address }}</dt><dd>{{ g.address }}</dd>{% endif %}
    {% if g.hours %}<dt>{{ t.hours }}</dt><dd>{{ g.hours }}</dd>{% endif %}
    {% if g.phone %}<dt>{{ t.phone }}</dt><dd>{{ g.phone }}</dd>{% endif %}
    {% if g.onlineUrl %}<dt>{{ t.onlineUrl }}</dt><dd><a href="{{ g.onlineUrl }}">{{ g.onlineUrl }}</a></dd>{% endif %}
  </dl>
  {% if g.materials %}
  <h4>{{ t.materials }}</h4>
  {% if g.materials.size == 0 %}<p>{{ t.noMaterials }}</p>{% else %}
  {% assign withWhen = g.materials | where: 'when' %}{% assign withForm = g.materials | where: 'blankForm' %}
  <table class="materials">
    <thead><tr><th scope="col">{{ t.material }}</th><th scope="col">{{ t.originals }}</th><th scope="col">{{ t.copies }}</th>{% if withWhen.size > 0 %}<th scope="col">{{ t.whenLabel }}</th>{% endif %}{% if withForm.size > 0 %}<th scope="col">{{ t.blankForm }}</th>{% endif %}</tr></thead>
    <tbody>
    {% for m in g.materials %}
      <tr><th scope="row">{{ m.name }}{% if m.required == false %} <span class="hint">{{ t.optional }}</span>{% endif %}{% if m.applies == 'maybe' %} <span class="hint">{{ t.maybe }}</span>{% endif %}</th><td>{{ m.original }}</td><td>{{ m.copies }}</td>{% if withWhen.size > 0 %}<td>{{ m.when }}</td>{% endif %}{% if withForm.size > 0 %}<td>{% if m.blankForm %}{% if m.blankFormUrl %}<a href="{{ m.blankFormUrl }}">{{ m.blankForm }}</a>{% else %}{{ m.blankForm }}<br><span class="hint">{{ t.blankFormAsk }}</span>{% endif %}{% endif %}</td>{% endif %}</tr>
    {% endfor %}
    </tbody>
  </table>
  {% endif %}
  {% endif %}
  {% endif %}
</section>
`;

// A unit question is asked level by level (domain/unit-question-steps.ts): the select offers the next
// level's units under the choice so far; a choice above the answer's level (data-next) is submitted
// as it is and the answered page asks the next level. The placeholder's value is empty, so a required
// question is not submitted unchosen (the W3C checker's rule for a required select). The server adds a script that does the same
// without a page load (site-templates/navigator-script.ts).
const navigatorForm = `<form class="navigator" method="get" action="{{ navigator.action }}">
  <input type="hidden" name="locale" value="{{ page.locale }}">
  {% for q in navigator.questions %}
  {% if q.type == 'unit' %}
  <fieldset class="unit-question" data-unit-question="{{ q.key }}">
    <legend>{{ q.label }}</legend>
    {% if q.path.size > 0 %}<p class="chosen">{{ t.chosenSoFar }}{{ t.colon }}{% for u in q.path %}{{ u.name }}{% unless forloop.last %} › {% endunless %}{% endfor %}</p>{% endif %}
    <label for="q-{{ q.key }}">{{ t.chooseLevel | replace: '{level}', q.asking.levelName }}</label>
    <select id="q-{{ q.key }}" name="answers[{{ q.key }}]"{% if q.kind == 'core' %} required{% endif %}>
      <option value="">{{ t.choose }}</option>
      {% for o in q.options %}<option value="{{ o.value }}"{% if o.selected or q.options.size == 1 %} selected{% endif %}{% unless o.final %} data-next{% endunless %}>{{ o.label }}{% unless o.final %} ›{% endunless %}</option>{% endfor %}
      {% if q.back %}<option value="{{ q.back.value }}" data-next>‹ {{ t.chooseAnother | replace: '{level}', q.back.levelName }}</option>{% endif %}
    </select>
    {% if q.narrowedTo %}<small>{{ t.narrowedTo }}{{ q.narrowedTo.name }} <a href="{{ q.narrowedTo.elsewhereUrl }}?locale={{ page.locale }}">{{ t.elsewhere }}</a></small>{% endif %}
  </fieldset>
  {% else %}
  <p>
    <label for="q-{{ q.key }}">{{ q.label }}</label>
    <select id="q-{{ q.key }}" name="answers[{{ q.key }}]"{% if q.kind == 'core' %} required{% endif %}>
      <option value="">{{ t.choose }}</option>
      {% if q.type == 'boolean' %}
      <option value="true"{% if answers[q.key] == true %} selected{% endif %}>{{ t.yes }}</option>
      <option value="false"{% if answers[q.key] == false %} selected{% endif %}>{{ t.no }}</option>
      {% else %}
      {% for o in q.options %}<option value="{{ o.value }}"{% if answers[q.key] == o.value or q.options.size == 1 %} selected{% endif %}>{{ o.label }}</option>{% endfor %}
      {% endif %}
    </select>
  </p>
  {% endif %}
  {% endfor %}
  <p><button type="submit">{{ t.showRoute }}</button></p>
</form>
`;

// Links to other pages of the sites keep the reader's language: ?locale= goes before the fragment.
const itemPage = `{% layout 'layout' %}{% block content %}
<article>
<h1>{{ item.title }}</h1>
<section aria-labelledby="basic-heading">
  <h2 id="basic-heading">{{ t.basicInfo }}</h2>
  <p>{{ item.summary }}</p>
  <p class="managed-by">{{ t.managedBy }}{{ t.colon }}{{ item.managingDepartment }}</p>
  {% if isCity == false %}<p><a href="{{ item.cityUrl }}?locale={{ page.locale }}">{{ t.backToCity }}</a></p>{% endif %}
  {% if item.policies.size > 0 %}
  <h3>{{ t.policies }}</h3>
  <ul>{% for p in item.policies %}<li>{% if p.url %}<a href="{{ p.url }}">{{ p.title }}</a>{% else %}{{ p.title }}{% endif %}</li>{% endfor %}</ul>
  {% endif %}
</section>
<section aria-labelledby="navigator-heading">
  <h2 id="navigator-heading">{{ t.navigator }}</h2>
  <p>{{ t.navigatorHelp }}</p>
  {% render 'navigator-form', navigator: navigator, t: t, page: page, answers: answers %}
</section>
<section aria-labelledby="flow-heading">
  <h2 id="flow-heading">{{ t.flowchart }}</h2>
  <img class="flowchart" src="{{ item.flowchartUrl }}" alt="{{ t.flowchart }}{{ t.colon }}{% for s in stagesInOrder %}{{ s }}{% unless forloop.last %} → {% endunless %}{% endfor %}">
  <div class="first-step">
    <h3>{{ t.firstSteps }}</h3>
    {% if firstSteps.size > 0 %}
    <ul>{% for s in firstSteps %}<li><strong>{{ s.name }}</strong>{% if s.handledBy != '' %} · {{ t.handledBy }}{{ t.colon }}{{ s.handledBy }}{% endif %}</li>{% endfor %}</ul>
    {% else %}
    <p><a href="#navigator-heading">{{ t.answerFirst }}</a></p>
    {% endif %}
  </div>
</section>
{% if ownGuides.size > 0 %}
<section aria-labelledby="own-heading">
  <h2 id="own-heading">{{ t.ownGuides }}</h2>
  {% for entry in ownGuides %}{% render 'guide-page', entry: entry, t: t %}{% endfor %}
</section>
{% endif %}
{% if otherStages.size > 0 %}
<section aria-labelledby="other-heading">
  <h2 id="other-heading">{% if isCity %}{{ t.stages }}{% else %}{{ t.otherStages }}{% endif %}</h2>
  <ol class="stages">
  {% for s in otherStages %}
    <li><strong>{{ s.name }}</strong> <span class="hint">{{ s.levelName }}</span>
      <br>{{ t.handledBy }}{{ t.colon }}{{ s.handledBy }}
      {% unless s.always %}<br>{{ t.appliesWhen }}{{ t.colon }}{{ s.condition }}{% endunless %}
      {% if s.links.size > 0 %}<ul>{% for l in s.links %}<li><a href="{% assign u = l.url | split: '#' %}{{ u[0] }}?locale={{ page.locale }}{% if u[1] %}#{{ u[1] }}{% endif %}">{{ l.unit.name }}</a></li>{% endfor %}</ul>{% endif %}
    </li>
  {% endfor %}
  </ol>
</section>
{% endif %}
{% if upperLinks.size > 0 %}
<section aria-labelledby="upper-heading">
  <h2 id="upper-heading">{{ t.upperLinks }}</h2>
  <ul>{% for l in upperLinks %}<li><a href="{% assign u = l.url | split: '#' %}{{ u[0] }}?locale={{ page.locale }}{% if u[1] %}#{{ u[1] }}{% endif %}">{{ l.unit.name }} · {{ l.stage }}</a></li>{% endfor %}</ul>
</section>
{% endif %}
</article>
{% endblock %}
`;

const routeResult = `{% layout 'layout' %}{% block content %}
<article>
<h1>{{ route.item.title }} · {{ t.route }}</h1>
<section aria-labelledby="answers-heading">
  <h2 id="answers-heading">{{ t.yourAnswers }}</h2>
  {% if route.neededQuestions.size > 0 %}<p class="notice">{{ t.neededQuestions }}{{ t.colon }}{% for q in route.neededQuestions %}{{ q.label }}{% unless forloop.last %}{{ t.listSeparator }}{% endunless %}{% endfor %}</p>{% endif %}
  {% render 'navigator-form', navigator: navigator, t: t, page: page, answers: answers %}
</section>
<section aria-labelledby="route-heading">
  <h2 id="route-heading">{{ t.stages }}</h2>
  {% if route.stages.size == 0 and route.undecidedStages.size == 0 %}<p>{{ t.noStages }}</p>{% endif %}
  {% if route.firstStep and route.firstStep.url %}<p class="first-step"><a href="{% assign u = route.firstStep.url | split: '#' %}{{ u[0] }}?locale={{ page.locale }}{% if u[1] %}#{{ u[1] }}{% endif %}">{{ t.firstStep }}{{ t.colon }}{{ route.firstStep.name }}{% if route.firstStep.department %} · {{ route.firstStep.department.name }}{% endif %}</a></p>{% endif %}
  <ol class="route">
  {% for s in route.stages %}
    <li>
      <h3>{{ s.name }}</h3>
      <p>{{ s.levelName }}{% if s.handler %} · {{ t.handledBy }}{{ t.colon }}{{ s.handler.department.name }}{% endif %}</p>
      {% if s.guide %}
      {% if s.guide.status == 'missing' %}<p class="notice">{{ t.missingGuide }}{{ s.handler.department.name }}{% if s.handler.department.phone %}{{ t.listSeparator }}{{ t.phone }}{{ t.colon }}{{ s.handler.department.phone }}{% endif %}</p>{% endif %}
      {% if s.guide.status == 'incomplete' %}<p class="notice">{{ t.incompleteGuide }}{{ s.guide.missingFieldNames | join: t.listSeparator }}</p>{% endif %}
      {% if s.guide.materials and s.guide.materials.size > 0 %}
      <ul>{% for m in s.guide.materials %}<li>{{ m.name }}{% if m.applies == 'maybe' %} <span class="hint">{{ t.maybe }}</span>{% endif %}</li>{% endfor %}</ul>
      {% endif %}
      <p><a href="{% assign u = s.guide.url | split: '#' %}{{ u[0] }}?locale={{ page.locale }}{% if u[1] %}#{{ u[1] }}{% endif %}">{{ s.name }} — {{ s.handler.unit.name }}</a></p>
      {% endif %}
    </li>
  {% endfor %}
  </ol>
  {% if route.undecidedStages.size > 0 %}
  <p>{{ t.undecided }}</p>
  <ul>{% for s in route.undecidedStages %}<li>{{ s.name }}</li>{% endfor %}</ul>
  {% endif %}
  {% if route.upperLinks.size > 0 %}
  <h2>{{ t.upperLinks }}</h2>
  <ul>{% for l in route.upperLinks %}<li>{% if l.url %}<a href="{% assign u = l.url | split: '#' %}{{ u[0] }}?locale={{ page.locale }}{% if u[1] %}#{{ u[1] }}{% endif %}">{{ l.unit.name }} · {{ l.department.name }}</a>{% else %}{{ l.unit.name }} · {{ l.department.name }}{% endif %}</li>{% endfor %}</ul>
  {% endif %}
</section>
</article>
{% endblock %}
`;

const css = `body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; margin: 0; color: #1a202c; line-height: 1.6; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.site-header { background: #1f4e8c; color: #fff; padding: 1rem 2rem; }
.site-header a { color: #fff; }
.site-name { font-size: 1.4rem; font-weight: bold; margin: 0; }
.languages ul, .breadcrumb ol { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: .5rem 0 0; }
.breadcrumb ol { gap: 0; }
.breadcrumb .separator { margin: 0 .5rem; opacity: .75; }
.breadcrumb [aria-current="page"] { font-weight: bold; }
.served-by { margin: .5rem 0 0; opacity: .9; font-size: .9rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
h1 { color: #1f4e8c; }
.guide { border: 1px solid #cbd5e0; border-radius: 6px; padding: 1rem 1.5rem; margin: 1rem 0; }
.guide dt { font-weight: bold; }
.guide dd { margin: 0 0 .5rem; }
.text { white-space: pre-line; }
.notice { background: #fffbeb; border-left: 4px solid #d69e2e; padding: .5rem 1rem; }
.hint { color: #4a5568; font-size: .9em; }
.pending { color: #9c4221; }
table.materials { border-collapse: collapse; width: 100%; }
table.materials th, table.materials td { border: 1px solid #cbd5e0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.flowchart { max-width: 100%; height: auto; border: 1px solid #e2e8f0; }
.first-step { background: #ebf4ff; border-left: 4px solid #1f4e8c; padding: .25rem 1rem; margin: 1rem 0; }
.stages > li { margin-bottom: .75rem; }
.navigator label { display: block; font-weight: bold; }
.navigator fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
.navigator legend { font-weight: bold; padding: 0; }
.navigator fieldset label { font-weight: normal; }
.navigator .chosen { margin: .25rem 0; }
.navigator select { font-size: 1rem; padding: .3rem; max-width: 100%; }
.navigator button { font-size: 1rem; padding: .5rem 1.5rem; background: #1f4e8c; color: #fff; border: 0; border-radius: 4px; }
p.first-step a { font-size: 1.2rem; font-weight: bold; }
.refusal ul.ways { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.refusal ul.ways a { display: inline-block; padding: .4rem 1rem; border: 1px solid #1f4e8c; border-radius: 4px; text-decoration: none; color: #1f4e8c; }
.site-footer { border-top: 1px solid #e2e8f0; padding: 1rem 2rem; color: #4a5568; }
`;

export interface TemplateSource {
  readonly body: string;
  readonly styles: string;
}

/** Every template a site needs, by key. `layout` carries the stylesheet of every page. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, TemplateSource>> = {
  layout: { body: layout, styles: css },
  'site-index': { body: siteIndex, styles: '' },
  'item-page': { body: itemPage, styles: '' },
  'guide-page': { body: guidePage, styles: '' },
  'navigator-form': { body: navigatorForm, styles: '' },
  'route-result': { body: routeResult, styles: '' },
};

/** The templates pages are rendered from (the others are partials or the layout). */
export const PAGE_TEMPLATES = ['site-index', 'item-page', 'route-result'] as const;
export type PageTemplate = (typeof PAGE_TEMPLATES)[number];
