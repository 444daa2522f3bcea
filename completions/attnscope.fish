function __attnscope_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __attnscope_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __attnscope_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __attnscope_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __attnscope_parse_tokens -S
    set -l unparsed_tokens (__attnscope_tokens -pc)
    switch $unparsed_tokens[1]
    case 'attnscope'
        __attnscope_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'explore'
            __attnscope_parse_subcommand 1 'layout=' 'tensor=' 'block=' 'temperature=' 'scale=' 'proj=' 'head=' 'window=' 'shift=' 'shifted' 'bias=' 'variant=' 'passes=' 'gamma=' 'rel=' 'kernel=' 'dilation=' 'offsets=' 'mask=' 'positions=' 'kernels=' 'group=' 'dcn-offsets=' 'dcn-mask=' 'dat-offsets=' 'dat-positions=' 'stride=' 'offset-range=' 'layers=' 'prefix=' 'mode=' 'query=' 'color=' 'ascii' 'glyphs=' 'colormap=' 'scale-mode=' 'levels=' 'pan' 'numbers' 'image=' 'no-mouse' 'session=' 'record=' 'compare=' 'presenter' 'export-dir=' 'version' 'h/help'
        case 'info'
            __attnscope_parse_subcommand 1 'layout=' 'tensor=' 'block=' 'version' 'h/help'
        case 'render'
            __attnscope_parse_subcommand 1 'mode=' 'query=' 'size=' 'format=' 'layout=' 'tensor=' 'block=' 'temperature=' 'scale=' 'proj=' 'head=' 'window=' 'shift=' 'shifted' 'bias=' 'variant=' 'passes=' 'gamma=' 'rel=' 'kernel=' 'dilation=' 'offsets=' 'mask=' 'positions=' 'kernels=' 'group=' 'dcn-offsets=' 'dcn-mask=' 'dat-offsets=' 'dat-positions=' 'stride=' 'offset-range=' 'layers=' 'prefix=' 'color=' 'ascii' 'glyphs=' 'colormap=' 'scale-mode=' 'levels=' 'pan' 'numbers' 'image=' 'compare=' 'presenter' 'view=' 'target=' 'intermediate=' 'session=' 'version' 'h/help'
        case 'weights'
            __attnscope_parse_subcommand 1 'mode=' 'query=' 'format=' 'out=' 'layout=' 'tensor=' 'block=' 'temperature=' 'scale=' 'proj=' 'head=' 'window=' 'shift=' 'shifted' 'bias=' 'variant=' 'passes=' 'gamma=' 'rel=' 'kernel=' 'dilation=' 'offsets=' 'mask=' 'positions=' 'kernels=' 'group=' 'dcn-offsets=' 'dcn-mask=' 'dat-offsets=' 'dat-positions=' 'stride=' 'offset-range=' 'layers=' 'prefix=' 'version' 'h/help'
        case 'tour'
            __attnscope_parse_subcommand 1 'layout=' 'tensor=' 'block=' 'temperature=' 'scale=' 'proj=' 'head=' 'window=' 'shift=' 'shifted' 'bias=' 'variant=' 'passes=' 'gamma=' 'rel=' 'kernel=' 'dilation=' 'offsets=' 'mask=' 'positions=' 'kernels=' 'group=' 'dcn-offsets=' 'dcn-mask=' 'dat-offsets=' 'dat-positions=' 'stride=' 'offset-range=' 'layers=' 'prefix=' 'color=' 'ascii' 'glyphs=' 'colormap=' 'scale-mode=' 'levels=' 'pan' 'numbers' 'image=' 'no-mouse' 'map-file=' 'session=' 'record=' 'compare=' 'presenter' 'export-dir=' 'export=' 'size=' 'version' 'h/help'
        case 'bench'
            __attnscope_parse_subcommand 0 'size=' 'json' 'version' 'h/help'
        case 'help'
            __attnscope_parse_subcommand -r 1 'version'
        end
    end
end

function __attnscope_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __attnscope_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __attnscope_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __attnscope_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__attnscope_tokens -p)
    if test -z "$(__attnscope_tokens -t)"
        set -l index (count (__attnscope_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'attnscope' -f
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'explore' -d 'Opens the interactive explorer (the default).'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'info' -d 'Prints a feature map\'s shape, dtype, layout and value statistics.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'render' -d 'Renders one frame as text, ANSI or SVG.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'weights' -d 'Writes the weight map of one query as JSON or .npy.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'tour' -d 'Plays a lesson from a .tour file.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'bench' -d 'Measures load, first frame, memory and per-keystroke compute and render time.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope explore" -eq 1' -fa '(set -l exts \'npy\' \'npz\' \'safetensors\' \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" layout' -l 'layout' -d 'Axis order of 3-D arrays: chw or hwc.' -rfka 'chw hwc'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" tensor' -l 'tensor' -d 'The tensor to read from an .npz or .safetensors file (default: \'features\', else the only one); on a bundle it reads the file as a plain archive.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" block' -l 'block' -d 'The block of a multi-block bundle, 0-based (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" temperature' -l 'temperature' -d 'Logit temperature T (divides content and bias logits; default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" scale' -l 'scale' -d 'Logit scale (default: the mode\'s, 1/sqrt(d) or 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" proj' -l 'proj' -d 'Projection file with wq, wk (d, C) or (heads, d, C), optional bq, bk.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" head' -l 'head' -d 'Projection head to use (0-based; default: 0), or mean: the average of every head\'s map.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" window' -l 'window' -d 'Swin window size M (default: 7).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" shift' -l 'shift' -d 'Swin shift S, in [0, M).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" shifted' -l 'shifted' -d 'Swin shifted windows (S = M/2).'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" bias' -l 'bias' -d 'Relative position bias: Swin (2M-1)^2 or (heads, (2M-1)^2); neighborhood NATTEN rpb (heads, 2K-1, 2K-1).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" variant' -l 'variant' -d 'Swin window rules: official (also HF transformers), timm or torchvision.' -rfka 'official timm torchvision'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" passes' -l 'passes' -d 'Axial: 1 (height pass) or 2 (composed); criss-cross: R >= 1 (default 2).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" gamma' -l 'gamma' -d 'Criss-cross residual weight gamma (default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" rel' -l 'rel' -d 'Axial position tables rq, rk, rv.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" kernel' -l 'kernel' -d 'Kernel size K (dcn 3, neighborhood 7, lka 21).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" dilation' -l 'dilation' -d 'Dilation (dcn 1, neighborhood 1; > 1 is DiNAT, lka 3).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" offsets' -l 'offsets' -d 'Offsets: dcn (2K^2, H, W); dat (2, Hk, Wk) raw offset-network output.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" mask' -l 'mask' -d 'DCNv2 modulation, (K^2, H, W).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" positions' -l 'positions' -d 'DAT sampling positions, (Hk, Wk, 2) normalised (y, x).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" kernels' -l 'kernels' -d 'LKA depthwise kernels conv0 (C,1,k0,k0) and conv_spatial (C,1,k1,k1).' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" group' -l 'group' -d 'Group to use when a dumped tensor has a group dimension > 1 (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" dcn-offsets' -l 'dcn-offsets' -d 'DCN\'s own offsets (2K^2, H, W), in place of --offsets for dcn (compare DCN and DAT).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" dcn-mask' -l 'dcn-mask' -d 'DCN\'s own modulation (K^2, H, W), in place of --mask.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" dat-offsets' -l 'dat-offsets' -d 'DAT\'s own raw offsets (2, Hk, Wk), in place of --offsets for dat.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" dat-positions' -l 'dat-positions' -d 'DAT\'s own sampling positions (Hk, Wk, 2), in place of --positions.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" stride' -l 'stride' -d 'DAT synthetic offset-network stride r.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" offset-range' -l 'offset-range' -d 'DAT offset range factor f (< 0: clamp; default: -1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" layers' -l 'layers' -d 'Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" prefix' -l 'prefix' -d 'Prefix tokens (class first, then distillation/registers), (P, C): keys of global and lesa\'s softmax.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" mode' -l 'mode' -d 'The mode to open in (default: a bundle\'s own, else global).' -rfka 'global window axial criss-cross dcn dat neighborhood lka lesa'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" query' -l 'query' -d 'The opening query R,C (0-based; default: the centre), or a prefix token: token:I or cls.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" color' -l 'color' -d 'Colours: auto, truecolor, 256, 16, 8 or none.' -rfka 'auto truecolor 256 16 8 none'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" ascii' -l 'ascii' -d 'ASCII only, for fonts and projectors without block glyphs.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" glyphs' -l 'glyphs' -d 'Glyphs: half (upper half blocks, two map rows per cell), wide (two columns per pixel), shade, ascii, or auto.' -rfka 'auto half wide shade ascii'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" colormap' -l 'colormap' -d 'Colormap for the weights (signed maps always use diverging).' -rfka 'viridis cividis magma gray diverging'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" scale-mode' -l 'scale-mode' -d 'Value scale: auto (chosen per view), linear, log[:DECADES] (4) or clip[:FRACTION] (0.1 of the maximum).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" levels' -l 'levels' -d 'Colour bands, 2...32.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" pan' -l 'pan' -d 'Show large maps at full resolution, panned around the query, instead of pooling them.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" numbers' -l 'numbers' -d 'Two-column cells show each weight in percent.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" image' -l 'image' -d 'A PGM/PPM picture drawn dimmed under the weights, resampled to the map\'s grid.' -rfa '(set -l exts \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" no-mouse' -l 'no-mouse' -d 'Do not capture the mouse (keeps the terminal\'s own selection).'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" session' -l 'session' -d 'Restore a saved explorer state (a file written with w).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'txt\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" record' -l 'record' -d 'Record the session as an asciicast v2 file (asciinema play FILE.cast replays it).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'cast\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" compare' -l 'compare' -d 'The compare view\'s panels, e.g. global,window,dcn,dat (the default).' -rfka 'global window axial criss-cross dcn dat neighborhood lka lesa'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" presenter' -l 'presenter' -d 'Presenter mode: each map pixel twice the size, a framed cursor, high contrast, a tick axis.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" export-dir' -l 'export-dir' -d 'The directory e and w write into (default: the --session\'s directory, else the working directory).' -rfa '(__attnscope_complete_directories)'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope explore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope info" -eq 1' -fa '(set -l exts \'npy\' \'npz\' \'safetensors\' \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope info" layout' -l 'layout' -d 'Axis order of 3-D arrays: chw or hwc.' -rfka 'chw hwc'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope info" tensor' -l 'tensor' -d 'The tensor to read from an .npz or .safetensors file (default: \'features\', else the only one); on a bundle it reads the file as a plain archive.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope info" block' -l 'block' -d 'The block of a multi-block bundle, 0-based (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope info" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope info" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope render" -eq 1' -fa '(set -l exts \'npy\' \'npz\' \'safetensors\' \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" mode' -l 'mode' -d 'The mechanism (default: a bundle\'s own).' -rfka 'global window axial criss-cross dcn dat neighborhood lka lesa'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" query' -l 'query' -d 'The query as ROW,COL (0-based), or a prefix token: token:I or cls.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" size' -l 'size' -d 'The frame size as COLSxROWS, each 1...1000 (default: the terminal\'s, else 80x24).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" format' -l 'format' -d 'The output format (default: ansi on a colour terminal, else text).' -rfka 'text ansi svg'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" layout' -l 'layout' -d 'Axis order of 3-D arrays: chw or hwc.' -rfka 'chw hwc'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" tensor' -l 'tensor' -d 'The tensor to read from an .npz or .safetensors file (default: \'features\', else the only one); on a bundle it reads the file as a plain archive.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" block' -l 'block' -d 'The block of a multi-block bundle, 0-based (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" temperature' -l 'temperature' -d 'Logit temperature T (divides content and bias logits; default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" scale' -l 'scale' -d 'Logit scale (default: the mode\'s, 1/sqrt(d) or 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" proj' -l 'proj' -d 'Projection file with wq, wk (d, C) or (heads, d, C), optional bq, bk.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" head' -l 'head' -d 'Projection head to use (0-based; default: 0), or mean: the average of every head\'s map.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" window' -l 'window' -d 'Swin window size M (default: 7).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" shift' -l 'shift' -d 'Swin shift S, in [0, M).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" shifted' -l 'shifted' -d 'Swin shifted windows (S = M/2).'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" bias' -l 'bias' -d 'Relative position bias: Swin (2M-1)^2 or (heads, (2M-1)^2); neighborhood NATTEN rpb (heads, 2K-1, 2K-1).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" variant' -l 'variant' -d 'Swin window rules: official (also HF transformers), timm or torchvision.' -rfka 'official timm torchvision'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" passes' -l 'passes' -d 'Axial: 1 (height pass) or 2 (composed); criss-cross: R >= 1 (default 2).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" gamma' -l 'gamma' -d 'Criss-cross residual weight gamma (default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" rel' -l 'rel' -d 'Axial position tables rq, rk, rv.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" kernel' -l 'kernel' -d 'Kernel size K (dcn 3, neighborhood 7, lka 21).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" dilation' -l 'dilation' -d 'Dilation (dcn 1, neighborhood 1; > 1 is DiNAT, lka 3).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" offsets' -l 'offsets' -d 'Offsets: dcn (2K^2, H, W); dat (2, Hk, Wk) raw offset-network output.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" mask' -l 'mask' -d 'DCNv2 modulation, (K^2, H, W).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" positions' -l 'positions' -d 'DAT sampling positions, (Hk, Wk, 2) normalised (y, x).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" kernels' -l 'kernels' -d 'LKA depthwise kernels conv0 (C,1,k0,k0) and conv_spatial (C,1,k1,k1).' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" group' -l 'group' -d 'Group to use when a dumped tensor has a group dimension > 1 (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" dcn-offsets' -l 'dcn-offsets' -d 'DCN\'s own offsets (2K^2, H, W), in place of --offsets for dcn (compare DCN and DAT).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" dcn-mask' -l 'dcn-mask' -d 'DCN\'s own modulation (K^2, H, W), in place of --mask.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" dat-offsets' -l 'dat-offsets' -d 'DAT\'s own raw offsets (2, Hk, Wk), in place of --offsets for dat.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" dat-positions' -l 'dat-positions' -d 'DAT\'s own sampling positions (Hk, Wk, 2), in place of --positions.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" stride' -l 'stride' -d 'DAT synthetic offset-network stride r.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" offset-range' -l 'offset-range' -d 'DAT offset range factor f (< 0: clamp; default: -1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" layers' -l 'layers' -d 'Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" prefix' -l 'prefix' -d 'Prefix tokens (class first, then distillation/registers), (P, C): keys of global and lesa\'s softmax.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" color' -l 'color' -d 'Colours: auto, truecolor, 256, 16, 8 or none.' -rfka 'auto truecolor 256 16 8 none'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" ascii' -l 'ascii' -d 'ASCII only, for fonts and projectors without block glyphs.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" glyphs' -l 'glyphs' -d 'Glyphs: half (upper half blocks, two map rows per cell), wide (two columns per pixel), shade, ascii, or auto.' -rfka 'auto half wide shade ascii'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" colormap' -l 'colormap' -d 'Colormap for the weights (signed maps always use diverging).' -rfka 'viridis cividis magma gray diverging'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" scale-mode' -l 'scale-mode' -d 'Value scale: auto (chosen per view), linear, log[:DECADES] (4) or clip[:FRACTION] (0.1 of the maximum).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" levels' -l 'levels' -d 'Colour bands, 2...32.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" pan' -l 'pan' -d 'Show large maps at full resolution, panned around the query, instead of pooling them.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" numbers' -l 'numbers' -d 'Two-column cells show each weight in percent.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" image' -l 'image' -d 'A PGM/PPM picture drawn dimmed under the weights, resampled to the map\'s grid.' -rfa '(set -l exts \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" compare' -l 'compare' -d 'Draw the compare view with these panels, e.g. global,window,dcn,dat.' -rfka 'global window axial criss-cross dcn dat neighborhood lka lesa'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" presenter' -l 'presenter' -d 'Presenter mode: each map pixel twice the size, a framed cursor, a tick axis.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" view' -l 'view' -d 'The view: N (the N-th pass or layer, 1-based), full, or Swin\'s original, rolled or both.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" target' -l 'target' -d 'The target p as ROW,COL (routes in criss-cross and axial).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" intermediate' -l 'intermediate' -d 'The intermediate m as ROW,COL, on the query\'s row or column (criss-cross).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" session' -l 'session' -d 'Draw the state of a session file (written with w); the other options then apply on top.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'txt\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope render" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope weights" -eq 1' -fa '(set -l exts \'npy\' \'npz\' \'safetensors\' \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" mode' -l 'mode' -d 'The mechanism: global, window, axial, criss-cross, dcn, dat, neighborhood, lka, lesa (default: a bundle\'s own).' -rfka 'global window axial criss-cross dcn dat neighborhood lka lesa'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" query' -l 'query' -d 'The query, 0-based ROW,COL, or a prefix token: token:I or cls.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" format' -l 'format' -d 'json or npy.' -rfka 'json npy'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" out' -l 'out' -d 'Write to this file instead of stdout.' -rfa '(set -l exts \'json\' \'npy\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" layout' -l 'layout' -d 'Axis order of 3-D arrays: chw or hwc.' -rfka 'chw hwc'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" tensor' -l 'tensor' -d 'The tensor to read from an .npz or .safetensors file (default: \'features\', else the only one); on a bundle it reads the file as a plain archive.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" block' -l 'block' -d 'The block of a multi-block bundle, 0-based (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" temperature' -l 'temperature' -d 'Logit temperature T (divides content and bias logits; default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" scale' -l 'scale' -d 'Logit scale (default: the mode\'s, 1/sqrt(d) or 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" proj' -l 'proj' -d 'Projection file with wq, wk (d, C) or (heads, d, C), optional bq, bk.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" head' -l 'head' -d 'Projection head to use (0-based; default: 0), or mean: the average of every head\'s map.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" window' -l 'window' -d 'Swin window size M (default: 7).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" shift' -l 'shift' -d 'Swin shift S, in [0, M).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" shifted' -l 'shifted' -d 'Swin shifted windows (S = M/2).'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" bias' -l 'bias' -d 'Relative position bias: Swin (2M-1)^2 or (heads, (2M-1)^2); neighborhood NATTEN rpb (heads, 2K-1, 2K-1).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" variant' -l 'variant' -d 'Swin window rules: official (also HF transformers), timm or torchvision.' -rfka 'official timm torchvision'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" passes' -l 'passes' -d 'Axial: 1 (height pass) or 2 (composed); criss-cross: R >= 1 (default 2).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" gamma' -l 'gamma' -d 'Criss-cross residual weight gamma (default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" rel' -l 'rel' -d 'Axial position tables rq, rk, rv.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" kernel' -l 'kernel' -d 'Kernel size K (dcn 3, neighborhood 7, lka 21).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" dilation' -l 'dilation' -d 'Dilation (dcn 1, neighborhood 1; > 1 is DiNAT, lka 3).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" offsets' -l 'offsets' -d 'Offsets: dcn (2K^2, H, W); dat (2, Hk, Wk) raw offset-network output.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" mask' -l 'mask' -d 'DCNv2 modulation, (K^2, H, W).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" positions' -l 'positions' -d 'DAT sampling positions, (Hk, Wk, 2) normalised (y, x).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" kernels' -l 'kernels' -d 'LKA depthwise kernels conv0 (C,1,k0,k0) and conv_spatial (C,1,k1,k1).' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" group' -l 'group' -d 'Group to use when a dumped tensor has a group dimension > 1 (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" dcn-offsets' -l 'dcn-offsets' -d 'DCN\'s own offsets (2K^2, H, W), in place of --offsets for dcn (compare DCN and DAT).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" dcn-mask' -l 'dcn-mask' -d 'DCN\'s own modulation (K^2, H, W), in place of --mask.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" dat-offsets' -l 'dat-offsets' -d 'DAT\'s own raw offsets (2, Hk, Wk), in place of --offsets for dat.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" dat-positions' -l 'dat-positions' -d 'DAT\'s own sampling positions (Hk, Wk, 2), in place of --positions.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" stride' -l 'stride' -d 'DAT synthetic offset-network stride r.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" offset-range' -l 'offset-range' -d 'DAT offset range factor f (< 0: clamp; default: -1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" layers' -l 'layers' -d 'Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" prefix' -l 'prefix' -d 'Prefix tokens (class first, then distillation/registers), (P, C): keys of global and lesa\'s softmax.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope weights" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_positional "attnscope tour" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'tour\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" layout' -l 'layout' -d 'Axis order of 3-D arrays: chw or hwc.' -rfka 'chw hwc'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" tensor' -l 'tensor' -d 'The tensor to read from an .npz or .safetensors file (default: \'features\', else the only one); on a bundle it reads the file as a plain archive.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" block' -l 'block' -d 'The block of a multi-block bundle, 0-based (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" temperature' -l 'temperature' -d 'Logit temperature T (divides content and bias logits; default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" scale' -l 'scale' -d 'Logit scale (default: the mode\'s, 1/sqrt(d) or 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" proj' -l 'proj' -d 'Projection file with wq, wk (d, C) or (heads, d, C), optional bq, bk.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" head' -l 'head' -d 'Projection head to use (0-based; default: 0), or mean: the average of every head\'s map.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" window' -l 'window' -d 'Swin window size M (default: 7).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" shift' -l 'shift' -d 'Swin shift S, in [0, M).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" shifted' -l 'shifted' -d 'Swin shifted windows (S = M/2).'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" bias' -l 'bias' -d 'Relative position bias: Swin (2M-1)^2 or (heads, (2M-1)^2); neighborhood NATTEN rpb (heads, 2K-1, 2K-1).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" variant' -l 'variant' -d 'Swin window rules: official (also HF transformers), timm or torchvision.' -rfka 'official timm torchvision'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" passes' -l 'passes' -d 'Axial: 1 (height pass) or 2 (composed); criss-cross: R >= 1 (default 2).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" gamma' -l 'gamma' -d 'Criss-cross residual weight gamma (default: 1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" rel' -l 'rel' -d 'Axial position tables rq, rk, rv.' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" kernel' -l 'kernel' -d 'Kernel size K (dcn 3, neighborhood 7, lka 21).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" dilation' -l 'dilation' -d 'Dilation (dcn 1, neighborhood 1; > 1 is DiNAT, lka 3).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" offsets' -l 'offsets' -d 'Offsets: dcn (2K^2, H, W); dat (2, Hk, Wk) raw offset-network output.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" mask' -l 'mask' -d 'DCNv2 modulation, (K^2, H, W).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" positions' -l 'positions' -d 'DAT sampling positions, (Hk, Wk, 2) normalised (y, x).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" kernels' -l 'kernels' -d 'LKA depthwise kernels conv0 (C,1,k0,k0) and conv_spatial (C,1,k1,k1).' -rfa '(set -l exts \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" group' -l 'group' -d 'Group to use when a dumped tensor has a group dimension > 1 (default: 0).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" dcn-offsets' -l 'dcn-offsets' -d 'DCN\'s own offsets (2K^2, H, W), in place of --offsets for dcn (compare DCN and DAT).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" dcn-mask' -l 'dcn-mask' -d 'DCN\'s own modulation (K^2, H, W), in place of --mask.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" dat-offsets' -l 'dat-offsets' -d 'DAT\'s own raw offsets (2, Hk, Wk), in place of --offsets for dat.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" dat-positions' -l 'dat-positions' -d 'DAT\'s own sampling positions (Hk, Wk, 2), in place of --positions.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" stride' -l 'stride' -d 'DAT synthetic offset-network stride r.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" offset-range' -l 'offset-range' -d 'DAT offset range factor f (< 0: clamp; default: -1).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" layers' -l 'layers' -d 'Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" prefix' -l 'prefix' -d 'Prefix tokens (class first, then distillation/registers), (P, C): keys of global and lesa\'s softmax.' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" color' -l 'color' -d 'Colours: auto, truecolor, 256, 16, 8 or none.' -rfka 'auto truecolor 256 16 8 none'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" ascii' -l 'ascii' -d 'ASCII only, for fonts and projectors without block glyphs.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" glyphs' -l 'glyphs' -d 'Glyphs: half (upper half blocks, two map rows per cell), wide (two columns per pixel), shade, ascii, or auto.' -rfka 'auto half wide shade ascii'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" colormap' -l 'colormap' -d 'Colormap for the weights (signed maps always use diverging).' -rfka 'viridis cividis magma gray diverging'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" scale-mode' -l 'scale-mode' -d 'Value scale: auto (chosen per view), linear, log[:DECADES] (4) or clip[:FRACTION] (0.1 of the maximum).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" levels' -l 'levels' -d 'Colour bands, 2...32.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" pan' -l 'pan' -d 'Show large maps at full resolution, panned around the query, instead of pooling them.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" numbers' -l 'numbers' -d 'Two-column cells show each weight in percent.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" image' -l 'image' -d 'A PGM/PPM picture drawn dimmed under the weights, resampled to the map\'s grid.' -rfa '(set -l exts \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" no-mouse' -l 'no-mouse' -d 'Do not capture the mouse.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" map-file' -l 'map-file' -d 'Explore this map instead of the tour\'s own (a file or scene:NAME).' -rfa '(set -l exts \'npy\' \'npz\' \'safetensors\' \'pgm\' \'ppm\' \'pnm\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" session' -l 'session' -d 'Restore a saved explorer state (a file written with w).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'txt\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" record' -l 'record' -d 'Record the session as an asciicast v2 file (asciinema play FILE.cast replays it).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'cast\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" compare' -l 'compare' -d 'The compare view\'s panels, e.g. global,window,dcn,dat (the default).' -rfka 'global window axial criss-cross dcn dat neighborhood lka lesa'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" presenter' -l 'presenter' -d 'Presenter mode: each map pixel twice the size, a framed cursor, high contrast, a tick axis.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" export-dir' -l 'export-dir' -d 'The directory e and w write into (default: the --session\'s directory, else the working directory).' -rfa '(__attnscope_complete_directories)'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" export' -l 'export' -d 'Write one frame per step (SVG and ANSI, no key hints) into this directory instead of playing.' -rfa '(__attnscope_complete_directories)'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" size' -l 'size' -d 'The exported frames\' size as COLSxROWS (default 120x40).' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope tour" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope bench" size' -l 'size' -d 'The map size CxHxW (e.g. 64x256x256); default: three sizes.' -rfka ''
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope bench" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope bench" version' -l 'version' -d 'Show the version.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope bench" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'attnscope' -n '__attnscope_should_offer_completions_for_flags_or_options "attnscope help" version' -l 'version' -d 'Show the version.'
