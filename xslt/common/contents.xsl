<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>The contents list of the reading edition: the division hierarchy (acts, scenes,
      chapters, letters), else the passages, else the speaker turns of a transcription, and the
      pages of a diplomatic transcription. A division without a head is labelled in words from
      its @type and @n ("Chapter 3", "Act 2", "Section 12"; the vocabulary is
      $ed:division-words) or, when its type is not a word a reader knows ("textpart" without a
      known @subtype, "liminal", none), by its first words ("In the beginning was…"); an @n
      that is an identifier (a URN) is never shown. A run of more than $contents-group entries
      is listed as ranges ("¶ 1–50", "¶ 51–100"), each a link to its first entry, so that no
      contents list has hundreds of entries. Included by html.xsl.</xd:desc>
  </xd:doc>

  <xd:doc>
    <xd:desc>The longest run of entries a contents list shows one by one: a longer run of
      passages, divisions, speaker turns or pages is listed as ranges of this many entries
      ("¶ 1–50", "¶ 51–100"), each a link to the first of its range.</xd:desc>
  </xd:doc>
  <xsl:param name="contents-group" as="xs:integer" select="50"/>

  <xsl:mode name="ed:toc" on-no-match="shallow-skip"/>

  <xsl:variable name="ed:group" as="xs:integer" select="max((2, $contents-group))"/>

  <xd:doc><xd:desc>What the common values of div/@type (and, for EpiDoc's "textpart", of
    @subtype) are called, in the page's own language (English): the key is the value in lower
    case without punctuation ("diaryEntry" and "diary-entry" are "diaryentry").</xd:desc></xd:doc>
  <xsl:variable name="ed:division-words" as="map(xs:string, xs:string)" select="map {
    'act': 'Act', 'scene': 'Scene', 'chapter': 'Chapter', 'book': 'Book', 'part': 'Part', 'volume': 'Volume',
    'tome': 'Volume', 'section': 'Section', 'subsection': 'Subsection', 'canto': 'Canto', 'poem': 'Poem',
    'song': 'Song', 'stanza': 'Stanza', 'verse': 'Verse', 'sura': 'Sura', 'surah': 'Sura', 'letter': 'Letter',
    'entry': 'Entry', 'diaryentry': 'Diary entry', 'article': 'Article', 'preface': 'Preface',
    'introduction': 'Introduction', 'prologue': 'Prologue', 'epilogue': 'Epilogue', 'appendix': 'Appendix',
    'dedication': 'Dedication', 'foreword': 'Foreword', 'afterword': 'Afterword', 'postscript': 'Postscript',
    'index': 'Index', 'glossary': 'Glossary', 'notes': 'Notes', 'commentary': 'Commentary',
    'translation': 'Translation', 'edition': 'Edition', 'abstract': 'Abstract', 'sermon': 'Sermon',
    'speech': 'Speech', 'story': 'Story', 'essay': 'Essay', 'episode': 'Episode', 'fragment': 'Fragment',
    'column': 'Column', 'page': 'Page', 'folio': 'Folio', 'leaf': 'Leaf', 'face': 'Face', 'side': 'Side',
    'paragraph': 'Paragraph', 'document': 'Document', 'session': 'Session', 'writingsession': 'Writing session',
    'day': 'Day', 'issue': 'Issue', 'lecture': 'Lecture', 'psalm': 'Psalm', 'hymn': 'Hymn', 'sonnet': 'Sonnet',
    'tale': 'Tale', 'play': 'Play', 'debatesection': 'Debate section', 'titlepage': 'Title page',
    'contents': 'Contents', 'bibliography': 'Bibliography', 'colophon': 'Colophon', 'summary': 'Summary',
    'chorus': 'Chorus', 'eclogue': 'Eclogue', 'ode': 'Ode', 'line': 'Line', 'year': 'Year', 'month': 'Month'}"/>

  <xd:doc><xd:desc>The word for a division's kind: its @type in $ed:division-words, or for an
    EpiDoc "textpart" its @subtype there, else "Part"; '' for any other type.</xd:desc></xd:doc>
  <xsl:function name="ed:division-word" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="key" select="lower-case(replace(string($div/@type), '[^\p{L}]', ''))"/>
    <xsl:variable name="subkey" select="lower-case(replace(string($div/@subtype), '[^\p{L}]', ''))"/>
    <xsl:sequence select="if ($key = 'textpart') then ($ed:division-words($subkey), 'Part')[1]
      else string($ed:division-words($key))"/>
  </xsl:function>

  <xd:doc><xd:desc>A division's @n when a reader can read it as a number or a short name ("3",
    "IV", "12a", "1938-10-10"); '' for an identifier (a URN, a path) or a phrase.</xd:desc></xd:doc>
  <xsl:function name="ed:division-number" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="n" select="normalize-space($div/@n)"/>
    <xsl:sequence select="if (matches($n, '^[\p{L}\p{N}][\p{L}\p{N}.\-]{0,11}$')) then $n else ''"/>
  </xsl:function>

  <xd:doc><xd:desc>The first words of an element's text (notes and page furniture left out):
    at most $count words, and "…" when there are more.</xd:desc></xd:doc>
  <xsl:function name="ed:first-words" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:variable name="texts" select="($el//text()[normalize-space()][not(ancestor::note or ancestor::fw or ancestor::teiHeader)])[position() le $count + 1]"/>
    <xsl:variable name="words" select="tokenize(normalize-space(string-join($texts, '')), ' ')[. ne '']"/>
    <xsl:variable name="shown" select="string-join(subsequence($words, 1, $count), ' ')"/>
    <xsl:sequence select="if (count($words) gt $count or string-length($shown) gt 60)
      then replace(substring($shown, 1, 60), '[\s\p{P}]+$', '') || '…' else $shown"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of a division: its first head (without notes; cut at 100
    characters); else its kind and number in words ("Chapter 3"), or its kind alone when its
    number is an identifier ("Edition"); else its @n when that is a name ("K", the letter of a
    dictionary; "Yasna"); else its first words, after its number if it has one ("3. In the
    beginning…"); else "Division".</xd:desc></xd:doc>
  <xsl:function name="ed:div-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" select="normalize-space(string-join($div/head[1]//text()[not(ancestor::note)], ''))"/>
    <xsl:variable name="word" select="ed:division-word($div)"/>
    <xsl:variable name="n" select="ed:division-number($div)"/>
    <xsl:variable name="words" select="if ($head eq '' and $word eq '') then ed:first-words($div, 6) else ''"/>
    <xsl:sequence select="
      if ($head ne '') then (if (string-length($head) gt 100) then substring($head, 1, 99) || '…' else $head)
      else if ($word ne '') then normalize-space($word || ' ' || $n)
      else if ($n ne '' and not(matches($n, '^([\p{N}.\-]+|[IVXLCDM]+|[ivxlcdm]+)$'))) then $n
      else if ($words ne '') then string-join(($n[. ne ''] ! (. || '.'), $words), ' ')
      else normalize-space('Division ' || $n)"/>
  </xsl:function>

  <xd:doc><xd:desc>Does a division's contents label come from its own words (a head, or its
    first words)? Then the label is in the text's language.</xd:desc></xd:doc>
  <xsl:function name="ed:div-label-is-text" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="exists($div/head[1][normalize-space()]) or ed:division-word($div) eq ''"/>
  </xsl:function>

  <xd:doc><xd:desc>The language of an element's words, BCP 47 ('' when unknown).</xd:desc></xd:doc>
  <xsl:function name="ed:language-of" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="string(($el/ancestor-or-self::*[@xml:lang][1]/ed:bcp47(@xml:lang)[. ne ''], $ed:doc-lang)[1])"/>
  </xsl:function>

  <!-- ============================================================ which entries -->

  <xd:doc><xd:desc>Divisions that the contents list names: those with a head or an @n.</xd:desc></xd:doc>
  <xsl:variable name="ed:toc-divs" as="element()*" select="//text//*[ed:is-div(.)][head or @n]"/>

  <xd:doc><xd:desc>The divisions directly below an element for the contents list: a division
    without head or @n is transparent (its own divisions take its place), and so are
    front, body, back, group and nested text.</xd:desc></xd:doc>
  <xsl:function name="ed:toc-children" as="element()*">
    <xsl:param name="el" as="element()*"/>
    <xsl:for-each select="$el/*">
      <xsl:choose>
        <xsl:when test="ed:is-div(.) and (head or @n)"><xsl:sequence select="."/></xsl:when>
        <xsl:when test="ed:is-div(.) or self::front or self::body or self::back or self::group or self::text">
          <xsl:sequence select="ed:toc-children(.)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <xd:doc><xd:desc>The speaker turns (u) of a transcription, outermost only: the contents of
    a text that has no divisions and no passages to list. Each has an id on the page
    (ed:id-attr in html.xsl).</xd:desc></xd:doc>
  <xsl:variable name="ed:turns" as="element()*" select="//text//u[not(ancestor::u)]"/>

  <xd:doc><xd:desc>A division as a contents entry (ed:entry: href, label, lang), with the
    divisions below it.</xd:desc></xd:doc>
  <xsl:template match="*" mode="ed:toc">
    <xsl:variable name="lang" select="ed:language-of(.)"/>
    <ed:entry href="{ed:id(.)}" label="{ed:div-label(.)}">
      <xsl:if test="ed:div-label-is-text(.) and $lang ne '' and tokenize($lang, '-')[1] ne 'en'">
        <xsl:attribute name="lang" select="$lang"/>
      </xsl:if>
      <xsl:apply-templates select="ed:toc-children(.)" mode="ed:toc"/>
    </ed:entry>
  </xsl:template>

  <!-- ============================================================ the list -->

  <xd:doc><xd:desc>The contents of the text: the division hierarchy when the document has
    named or numbered divisions and no citeStructure of its own; else its passages; else
    its speaker turns. A diplomatic transcription adds its pages. Every run longer than
    $contents-group is listed as ranges.</xd:desc></xd:doc>
  <xsl:template name="ed:toc-text">
    <xsl:param name="tei" as="element()*"/>
    <xsl:choose>
      <xsl:when test="$ed:scheme ne 'cite' and exists($ed:toc-divs)">
        <xsl:call-template name="ed:toc-entries">
          <xsl:with-param name="class" select="'toc-divisions'"/>
          <xsl:with-param name="entries" as="element(ed:entry)*">
            <xsl:apply-templates select="ed:toc-children($tei/text | $tei/TEI/text)" mode="ed:toc"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="exists($ed:passages)">
        <xsl:call-template name="ed:toc-entries">
          <xsl:with-param name="class" select="'toc-passages'"/>
          <xsl:with-param name="entries" as="element(ed:entry)*">
            <xsl:for-each select="$ed:passages"><ed:entry href="{ed:id(.)}" label="{ed:passage-label(.)}"/></xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="exists($ed:turns)">
        <xsl:call-template name="ed:toc-entries">
          <xsl:with-param name="class" select="'toc-passages toc-turns'"/>
          <xsl:with-param name="plural" select="'Turns'"/>
          <xsl:with-param name="entries" as="element(ed:entry)*">
            <xsl:for-each select="$ed:turns"><ed:entry href="{ed:id(.)}" label="Turn {position()}"/></xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
    <xsl:for-each select="$tei/sourceDoc | $tei/TEI/sourceDoc">
      <xsl:call-template name="ed:toc-entries">
        <xsl:with-param name="class" select="'toc-passages toc-surfaces'"/>
        <xsl:with-param name="entries" as="element(ed:entry)*">
          <xsl:for-each select=".//surface"><ed:entry href="{ed:id(.)}" label="{ed:surface-label(.)}"/></xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xd:doc><xd:desc>A list of contents entries: each one, with the entries below it, when there
    are at most $contents-group; else ranges of $contents-group entries, each a link to its
    first, labelled from its first and last labels (ed:range-label), or "Turns 1–50" when
    $plural is given. (The entries below a range's entries are then reached from the text.)</xd:desc></xd:doc>
  <xsl:template name="ed:toc-entries">
    <xsl:param name="entries" as="element(ed:entry)*"/>
    <xsl:param name="class" as="xs:string" select="''"/>
    <xsl:param name="plural" as="xs:string" select="''"/>
    <xsl:if test="exists($entries)">
      <ol>
        <xsl:if test="$class ne ''"><xsl:attribute name="class" select="$class || ' toc-ranges'[count($entries) gt $ed:group]"/></xsl:if>
        <xsl:choose>
          <xsl:when test="count($entries) le $ed:group">
            <xsl:for-each select="$entries">
              <li>
                <a href="#{@href}"><xsl:copy-of select="@lang"/><xsl:value-of select="@label"/></a>
                <xsl:call-template name="ed:toc-entries"><xsl:with-param name="entries" select="ed:entry"/></xsl:call-template>
              </li>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each-group select="$entries" group-adjacent="(position() - 1) idiv $ed:group">
              <xsl:variable name="first" select="current-group()[1]"/>
              <xsl:variable name="last" select="current-group()[last()]"/>
              <li class="toc-range">
                <a href="#{$first/@href}">
                  <xsl:if test="$first/@lang and $last/@lang = $first/@lang"><xsl:copy-of select="$first/@lang"/></xsl:if>
                  <xsl:value-of select="if ($plural ne '') then $plural || ' ' || (current-grouping-key() * $ed:group + 1) || '–' || (current-grouping-key() * $ed:group + count(current-group()))
                    else ed:range-label($first/@label, $last/@label)"/>
                </a>
              </li>
            </xsl:for-each-group>
          </xsl:otherwise>
        </xsl:choose>
      </ol>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>The label of a range from its first and last labels: "¶ 1–50" when both
    are the same words before a number ("¶ 1", "¶ 50"; "Section 51", "Section 100"), else
    "first – last"; one label when the range has one entry.</xd:desc></xd:doc>
  <xsl:function name="ed:range-label" as="xs:string">
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="last" as="xs:string"/>
    <xsl:variable name="pattern" select="'^(\P{N}*)(\p{N}+\p{L}?)$'"/>
    <xsl:sequence select="
      if ($first eq $last) then $first
      else if (matches($first, $pattern) and matches($last, $pattern)
               and replace($first, $pattern, '$1') eq replace($last, $pattern, '$1'))
        then $first || '–' || replace($last, $pattern, '$2')
      else $first || ' – ' || $last"/>
  </xsl:function>
</xsl:stylesheet>
