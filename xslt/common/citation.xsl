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
    <xd:desc>The citation scheme: which elements are citable passages and how they are labelled,
      read once per document from its citeStructure, else a CapiTainS cRefPattern, else
      numbered divisions, else paragraphs (¶ 1, ¶ 2 …); the ids the outputs give them.</xd:desc>
  </xd:doc>

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
                          else 'ed-' || local-name($el) || '-' || $el/accumulator-before('ed:element-number')"/>
  </xsl:function>

  <xd:doc><xd:desc>An element's number in document order (count(preceding::*) + count(ancestor::*)
    + 1), computed for the whole document in one pass the first time it is asked for: counting
    preceding elements on each call made pages quadratic in the number of passages without an
    xml:id. (Each entry stylesheet's unnamed mode declares use-accumulators="#all".)</xd:desc></xd:doc>
  <xsl:accumulator name="ed:element-number" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="*" select="$value + 1"/>
  </xsl:accumulator>

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

</xsl:stylesheet>
