<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Functions every output shares: register lookup (persons, places,
      organisations, treaties, events), entity labels and dates, authority links,
      the citation scheme (passages, their ids and labels, read from the refsDecl),
      and the plain text of a node without its notes.</xd:desc>
  </xd:doc>

  <xsl:key name="ed:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- ============================================================ documents -->

  <xd:doc><xd:desc>The document's file stem: the doc-stem parameter, else its base URI.</xd:desc></xd:doc>
  <xsl:function name="ed:stem" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="from-uri" select="replace(tokenize(string(base-uri(root($node))), '/')[last()], '\.xml$', '')"/>
    <xsl:sequence select="if ($doc-stem ne '') then $doc-stem else if ($from-uri ne '') then $from-uri else 'edition'"/>
  </xsl:function>

  <xd:doc><xd:desc>The edition's title: the main title of the titleStmt.</xd:desc></xd:doc>
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="titles" select="root($root)/*/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="if ($title ne '') then $title else normalize-space(string(($titles[@type = 'main'], $titles)[1]))"/>
  </xsl:function>

  <!-- ============================================================ registers -->

  <xd:doc><xd:desc>Is this element a register entry the index lists?</xd:desc></xd:doc>
  <xsl:function name="ed:is-entry" as="xs:boolean">
    <xsl:param name="el" as="element()?"/>
    <xsl:sequence select="exists($el[self::person or self::personGrp or self::place or self::org or self::event or self::bibl[@type = 'treaty']])"/>
  </xsl:function>

  <xd:doc><xd:desc>The register entries a mention points to (@ref="#id", or several pointers
    separated by spaces when one phrase names several entities), in the order of @ref.</xd:desc></xd:doc>
  <xsl:function name="ed:entries-of" as="element()*">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="for $ref in tokenize(normalize-space($mention/@ref), ' ')[starts-with(., '#')]
                          return key('ed:id', substring($ref, 2), root($mention))[ed:is-entry(.)][1]"/>
  </xsl:function>

  <xd:doc><xd:desc>The (first) register entry a mention points to, or nothing.</xd:desc></xd:doc>
  <xsl:function name="ed:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:entries-of($mention)[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>Every register entry of a document, in document order.</xd:desc></xd:doc>
  <xsl:function name="ed:entries" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)//(person | personGrp | place | org | event | bibl[@type = 'treaty'])[@xml:id]"/>
  </xsl:function>


  <xd:doc><xd:desc>The kind of an entry, as the index groups them: person (persons and groups
    of people), place, org, treaty or event.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-type" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::bibl) then 'treaty' else if ($entry/self::personGrp) then 'person' else local-name($entry)"/>
  </xsl:function>

  <xd:doc><xd:desc>What an entry is, for its card: its kind, or a finer one (a group of people,
    a group of states, an alliance).</xd:desc></xd:doc>
  <xsl:function name="ed:entry-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::personGrp) then 'Group of people'
      else if ($entry/self::org[@type = 'state-group']) then 'Group of states'
      else if ($entry/self::org[@type = 'alliance']) then 'Alliance'
      else ed:type-label(ed:entry-type($entry))"/>
  </xsl:function>

  <xd:doc><xd:desc>Human label of a kind.</xd:desc></xd:doc>
  <xsl:function name="ed:type-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = 'person') then 'Person' else if ($type = 'place') then 'Place'
      else if ($type = 'org') then 'Organisation' else if ($type = 'treaty') then 'Treaty'
      else if ($type = 'event') then 'Event' else 'Date'"/>
  </xsl:function>

  <xd:doc><xd:desc>Heading of a group of entries of one kind.</xd:desc></xd:doc>
  <xsl:function name="ed:type-heading" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = 'person') then 'Persons and groups of people' else if ($type = 'place') then 'Places'
      else if ($type = 'org') then 'Organisations' else if ($type = 'treaty') then 'Treaties' else 'Events'"/>
  </xsl:function>

  <xd:doc><xd:desc>The names of an entry, preferred first.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-names" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(persName | placeName | orgName | label | title | eventName | name)"/>
    <xsl:sequence select="distinct-values(($names[@type = 'preferred'], $names[not(@type = 'preferred')]) ! normalize-space(string(.))[. ne ''])"/>
  </xsl:function>

  <xd:doc><xd:desc>The preferred name of an entry (its xml:id when it has no name).</xd:desc></xd:doc>
  <xsl:function name="ed:entry-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="(ed:entry-names($entry), string($entry/@xml:id))[1]"/>
  </xsl:function>

  <xd:doc><xd:desc>The dates of an entry as a short phrase, from its birth, death,
    offices, date and @when/@from/@to; empty when the registers give none.</xd:desc></xd:doc>
  <xsl:function name="ed:entry-dates" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:sequence select="$entry/birth/@when ! ('born ' || .)"/>
      <xsl:sequence select="$entry/death/@when ! ('died ' || .)"/>
      <xsl:for-each select="$entry/state[@from or @to]">
        <xsl:sequence select="string-join(label ! normalize-space(.), ' ') || ' ' || string-join((@from, @to), ' to ')"/>
      </xsl:for-each>
      <xsl:sequence select="$entry/date/@when ! string(.)"/>
      <xsl:sequence select="$entry/@when ! string(.)"/>
      <xsl:if test="$entry/@from or $entry/@to">
        <xsl:sequence select="string-join(($entry/@from ! ('from ' || .), $entry/@to ! ('to ' || .)), ' ')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, '; ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The URL of an authority identifier (Wikidata, GeoNames), or empty.</xd:desc></xd:doc>
  <xsl:function name="ed:authority-url" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <xsl:sequence select="if ($idno/@type = 'wikidata' and matches($value, '^Q[1-9][0-9]*$'))
                          then 'https://www.wikidata.org/wiki/' || $value
                          else if ($idno/@type = 'geonames' and matches($value, '^[1-9][0-9]*$'))
                          then 'https://www.geonames.org/' || $value
                          else ''"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of an authority link: "Wikidata Q28", "GeoNames 719819".</xd:desc></xd:doc>
  <xsl:function name="ed:authority-label" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:sequence select="ed:scheme-label(string($idno/@type)) || ' ' || normalize-space($idno)"/>
  </xsl:function>
  <xsl:function name="ed:scheme-label" as="xs:string">
    <xsl:param name="scheme" as="xs:string"/>
    <xsl:sequence select="if ($scheme = 'wikidata') then 'Wikidata' else if ($scheme = 'geonames') then 'GeoNames' else $scheme"/>
  </xsl:function>

  <xd:doc><xd:desc>The anchor of an entity in the citation index, e.g. person-stalin.</xd:desc></xd:doc>
  <xsl:function name="ed:entity-anchor" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:entry-type($entry) || '-' || $entry/@xml:id"/>
  </xsl:function>

  <!-- ============================================================ citation scheme -->

  <xd:doc><xd:desc>How the document being transformed names its citable passages, in
    order of preference: "cite" (the refsDecl's citeStructure), "cref" (a CapiTainS
    refsDecl/cRefPattern), "divn" (its div/@n hierarchy), else "generic" (paragraph-level
    blocks numbered in order).</xd:desc></xd:doc>
  <xsl:variable name="ed:scheme" as="xs:string" select="
    if (exists($ed:parsed-structures)) then 'cite'
    else if (exists($ed:cref-steps) and exists($ed:cref-passages)) then 'cref'
    else if (exists($ed:divn-passages)) then 'divn'
    else 'generic'"/>

  <xd:doc><xd:desc>The citable passages, in document order, computed once.</xd:desc></xd:doc>
  <xsl:variable name="ed:passages" as="element()*" select="
    if ($ed:scheme = 'cite') then ($ed:parsed-structures ! ed:select-path($ed:root, ed:step)) / .
    else if ($ed:scheme = 'cref') then $ed:cref-passages
    else if ($ed:scheme = 'divn') then $ed:divn-passages
    else //text//*[ed:is-generic-passage(.)]"/>

  <xsl:variable name="ed:root" select="/"/>

  <xd:doc><xd:desc>The top-level citeStructures whose @match the toolkit can follow: an
    absolute path of element steps, each optionally with one [@attribute='value']
    predicate. (No xsl:evaluate: Saxon-HE 9.9, the version Debian ships, lacks it.)</xd:desc></xd:doc>
  <xsl:function name="ed:cite-structures" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)/*/teiHeader/encodingDesc/refsDecl/citeStructure
      [every $step in ed:steps(.) satisfies matches($step, $ed:step-pattern)][starts-with(normalize-space(@match), '/')]"/>
  </xsl:function>

  <xsl:variable name="ed:step-pattern" select="'^([A-Za-z_][\w.\-]*|\*)(\[@[\w:.\-]+\s*=\s*(''[^'']*''|&quot;[^&quot;]*&quot;)\])?$'"/>

  <xsl:function name="ed:steps" as="xs:string*">
    <xsl:param name="structure" as="element()"/>
    <xsl:sequence select="tokenize(substring(normalize-space($structure/@match), 2), '/')"/>
  </xsl:function>

  <xsl:function name="ed:step-name" as="xs:string">
    <xsl:param name="step" as="xs:string"/>
    <xsl:sequence select="replace($step, '^([^\[]+).*$', '$1')"/>
  </xsl:function>

  <xd:doc><xd:desc>The usable citeStructures of the document being transformed, parsed once:
    one ed:structure per citeStructure, one ed:step (name, attr, value) per step.</xd:desc></xd:doc>
  <xsl:variable name="ed:parsed-structures" as="element(ed:structure)*">
    <xsl:for-each select="ed:cite-structures(/)">
      <ed:structure n="{position()}">
        <xsl:for-each select="ed:steps(.)">
          <ed:step name="{ed:step-name(.)}"
                   attr="{if (contains(., '[')) then replace(., '^[^\[]+\[@([^=\s]+).*$', '$1') else ''}"
                   value="{if (contains(., '[')) then replace(., '^[^=]+=\s*.(.*).\]$', '$1') else ''}"/>
        </xsl:for-each>
      </ed:structure>
    </xsl:for-each>
  </xsl:variable>

  <xsl:variable name="ed:structures" select="ed:cite-structures(/)"/>

  <xd:doc><xd:desc>Does an element satisfy one parsed step: its name, and an optional
    [@a='v'] predicate (a value starting with "$" is a CapiTainS capture: any value).</xd:desc></xd:doc>
  <xsl:function name="ed:step-matches" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="step" as="element(ed:step)"/>
    <xsl:sequence select="($step/@name = '*' or local-name($el) = $step/@name)
      and ($step/@attr = '' or (if (starts-with($step/@value, '$')) then exists($el/@*[name() = $step/@attr])
                                else $el/@*[name() = $step/@attr] = $step/@value))"/>
  </xsl:function>

  <xd:doc><xd:desc>The elements an absolute path of parsed steps selects, in document order
    (a step marked desc="true" follows "//").</xd:desc></xd:doc>
  <xsl:function name="ed:select-path" as="element()*">
    <xsl:param name="context" as="node()*"/>
    <xsl:param name="steps" as="element(ed:step)*"/>
    <xsl:sequence select="if (empty($steps)) then $context
      else if ($steps[1]/@desc = 'true') then ed:select-path($context/descendant::*[ed:step-matches(., $steps[1])], subsequence($steps, 2))
      else ed:select-path($context/*[ed:step-matches(., $steps[1])], subsequence($steps, 2))"/>
  </xsl:function>

  <xd:doc><xd:desc>The CapiTainS cRefPattern with the most captures ("$1", "$2" …) whose
    replacementPattern is a path the toolkit can follow, parsed into steps.</xd:desc></xd:doc>
  <xsl:variable name="ed:cref-steps" as="element(ed:step)*">
    <xsl:variable name="usable" as="element(ed:pattern)*">
      <xsl:for-each select="/*/teiHeader/encodingDesc/refsDecl/cRefPattern">
        <xsl:variable name="path" select="replace(normalize-space(@replacementPattern), '^#xpath\((.*)\)$', '$1')"/>
        <xsl:variable name="tokens" select="tokenize(substring(replace($path, '//', '/~'), 2), '/')"/>
        <xsl:if test="starts-with($path, '/') and not(starts-with(normalize-space(@replacementPattern), '#xpath(/)'))
                      and starts-with(normalize-space(@replacementPattern), '#xpath(')
                      and (every $t in $tokens satisfies matches($t, $ed:cref-step-pattern))">
          <ed:pattern captures="{count($tokens[contains(., '$')])}">
            <xsl:for-each select="$tokens">
              <ed:step desc="{starts-with(., '~')}" name="{replace(., '^~?([\w.\-]+:)?([\w.\-]+|\*).*$', '$2')}"
                       attr="{if (contains(., '[')) then replace(., '^[^\[]+\[@([^=\s]+).*$', '$1') else ''}"
                       value="{if (contains(., '[')) then replace(., '^[^=]+=\s*.(.*).\]$', '$1') else ''}"/>
            </xsl:for-each>
          </ed:pattern>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="best" as="element(ed:pattern)*">
      <xsl:perform-sort select="$usable"><xsl:sort select="xs:integer(@captures)" order="descending"/></xsl:perform-sort>
    </xsl:variable>
    <xsl:sequence select="$best[1]/ed:step"/>
  </xsl:variable>
  <xsl:variable name="ed:cref-step-pattern" select="'^~?([\w.\-]+:)?([\w.\-]+|\*)(\[@[\w:.\-]+\s*=\s*(''[^'']*''|&quot;[^&quot;]*&quot;)\])?$'"/>
  <xsl:variable name="ed:cref-passages" as="element()*" select="if (exists($ed:cref-steps)) then ed:select-path($ed:root, $ed:cref-steps) else ()"/>

  <xd:doc><xd:desc>The label of a CapiTainS passage: its captured values joined by ".", each
    read from the ancestor-or-self at the step's depth (or, after a "//", the nearest one
    that matches the step).</xd:desc></xd:doc>
  <xsl:function name="ed:cref-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="chain" select="$el/ancestor-or-self::*"/>
    <xsl:sequence select="string-join(
      for $i in 1 to count($ed:cref-steps) return
        let $step := $ed:cref-steps[$i] return
        if (not(starts-with($step/@value, '$'))) then ()
        else let $at := (if (some $s in $ed:cref-steps[position() le $i] satisfies $s/@desc = 'true')
                         then $el/ancestor-or-self::*[ed:step-matches(., $step)][1] else $chain[$i])
             return string($at/@*[name() = $step/@attr]), '.')"/>
  </xsl:function>

  <xd:doc><xd:desc>Divisions of the text that carry @n and contain no numbered division:
    the passages of a document cited by its div/@n hierarchy ("1.2" = act 1, scene 2).</xd:desc></xd:doc>
  <xsl:variable name="ed:divn-passages" as="element()*"
    select="//text//*[ed:is-div(.)][@n][not(descendant::*[ed:is-div(.)][@n])]"/>

  <xd:doc><xd:desc>Is this element a division (div, div1 … div7)?</xd:desc></xd:doc>
  <xsl:function name="ed:is-div" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::div or self::div1 or self::div2 or self::div3 or self::div4 or self::div5
      or self::div6 or self::div7])"/>
  </xsl:function>

  <xd:doc><xd:desc>The paragraph-level blocks that are passages when nothing else names them.</xd:desc></xd:doc>
  <xsl:function name="ed:is-generic-passage" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::p or self::ab or self::lg or self::head or self::item[not(p)] or self::sp
      or self::l[not(ancestor::lg)] or self::cell])"/>
  </xsl:function>

  <xd:doc><xd:desc>The citeStructure a passage of the transformed document belongs to, if any.</xd:desc></xd:doc>
  <xsl:function name="ed:structure-of" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="n" select="key('ed:passage-number', generate-id($el), $ed:passage-numbers)/@structure"/>
    <xsl:sequence select="if ($n ne '' and root($el) is $ed:root) then $ed:structures[xs:integer($n)] else ()"/>
  </xsl:function>

  <xd:doc><xd:desc>Is this element a citable passage? (One key lookup.)</xd:desc></xd:doc>
  <xsl:function name="ed:is-passage" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="root($el) is $ed:root and exists(key('ed:passage-number', generate-id($el), $ed:passage-numbers))"/>
  </xsl:function>

  <xd:doc><xd:desc>The passage a node belongs to: its nearest citable ancestor-or-self.</xd:desc></xd:doc>
  <xsl:function name="ed:passage" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[ed:is-passage(.)])[last()]"/>
  </xsl:function>

  <xd:doc><xd:desc>The id of an element in the outputs: its xml:id, else a stable id
    computed from its position (never generate-id(), so builds are byte-identical).</xd:desc></xd:doc>
  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/@xml:id) then string($el/@xml:id)
                          else 'ed-' || local-name($el) || '-' || (count($el/preceding::*) + count($el/ancestor::*) + 1)"/>
  </xsl:function>

  <xd:doc><xd:desc>The citation label of a passage, computed once per document: for a
    citeStructure, its delimiter and the value its @use names ("¶ 3"), or a capitalised
    value without a delimiter ("Headnote"); for a cRefPattern, the captured values
    ("1.2.3"); for the div/@n hierarchy, the numbers of the divisions ("1.2"); else
    "¶ n" by position.</xd:desc></xd:doc>
  <xsl:function name="ed:passage-label" as="xs:string">
    <xsl:param name="passage" as="element()"/>
    <xsl:sequence select="(key('ed:passage-number', generate-id($passage), $ed:passage-numbers)/@label, '¶ ?')[1]"/>
  </xsl:function>

  <xsl:function name="ed:compute-label" as="xs:string">
    <xsl:param name="passage" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:param name="structure" as="element()?"/>
    <xsl:variable name="use" select="normalize-space(($structure/@use, '@n')[1])"/>
    <xsl:variable name="value" select="if (matches($use, '^@[\w:.\-]+$')) then string($passage/@*[name() = substring($use, 2)]) else ''"/>
    <xsl:sequence select="
      if ($ed:scheme = 'cite' and $structure and $value ne '')
        then (if ($structure/@delim) then $structure/@delim || $value else upper-case(substring($value, 1, 1)) || substring($value, 2))
      else if ($ed:scheme = 'cref') then ed:cref-label($passage)
      else if ($ed:scheme = 'divn') then string-join($passage/ancestor-or-self::*[ed:is-div(.)][@n]/normalize-space(@n), '.')
      else '¶ ' || $position"/>
  </xsl:function>

  <xd:doc><xd:desc>Each passage once: its position, its label and (for a citeStructure) which
    structure selected it; every lookup above is one key access.</xd:desc></xd:doc>
  <xsl:variable name="ed:passage-numbers">
    <xsl:variable name="by-structure" as="map(xs:string, xs:string)" select="map:merge(
      for $s in $ed:parsed-structures return for $p in ed:select-path($ed:root, $s/ed:step) return map { generate-id($p): string($s/@n) },
      map { 'duplicates': 'use-first' })"/>
    <xsl:for-each select="$ed:passages">
      <xsl:variable name="structure-n" select="$by-structure(generate-id())"/>
      <ed:n id="{generate-id()}" n="{position()}" structure="{$structure-n}"
            label="{ed:compute-label(., position(), $ed:structures[xs:integer(($structure-n, 0)[1])])}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:key name="ed:passage-number" match="ed:n" use="@id"/>

  <xd:doc><xd:desc>The mentions that point to an entry (one lookup, whatever the size).</xd:desc></xd:doc>
  <xsl:key name="ed:mentions-of" match="text//*[@ref]" use="tokenize(normalize-space(@ref), ' ')[starts-with(., '#')] ! substring(., 2)"/>
  <xsl:function name="ed:mentions-of" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="key('ed:mentions-of', string($entry/@xml:id), root($entry))"/>
  </xsl:function>

  <!-- ============================================================ sources and witnesses -->

  <xd:doc><xd:desc>A witness siglum: the witness's @n, else its xml:id, from listWit.</xd:desc></xd:doc>
  <xsl:function name="ed:sigla" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(for $w in tokenize(normalize-space($reading/@wit), ' ')
      return (key('ed:id', substring($w, 2), root($reading))[self::witness]/@n, substring-after($w, '#')[. ne ''], $w)[1], ' ')"/>
  </xsl:function>

  <xd:doc><xd:desc>The label of a surface of a sourceDoc: "Page n", else its position.</xd:desc></xd:doc>
  <xsl:function name="ed:surface-label" as="xs:string">
    <xsl:param name="surface" as="element()"/>
    <xsl:sequence select="if ($surface/@n) then 'Page ' || normalize-space($surface/@n)
      else 'Surface ' || (count($surface/preceding::surface) + 1)"/>
  </xsl:function>

</xsl:stylesheet>
