# The bad-input catalogue: each case must end in a clear ErrorRecord with the right ErrorId and category,
# without hanging and without losing anything already stored.
BeforeAll {
    . "$PSScriptRoot/TestHelpers.ps1"
    Start-TestEmulator -ArgumentList '--companies', '300'
    $script:Work = New-TestFolder 'badinput'
    Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) -MaxRetryCount 1 -MaxRetryDelaySec 1 -TimeoutSec 5
    $script:Keep = New-OPBlacklist -Name 'Must survive'
    Add-OPBlacklistEntry -BlacklistId $script:Keep.Id -CompanyName 'Stored before' | Out-Null

    # Runs a case and returns its first error, terminating or not.
    function Get-FirstError([scriptblock] $Case) {
        $errors = $null
        try { & $Case -ErrorVariable +errors -ErrorAction SilentlyContinue | Out-Null } catch { return $_ }
        if ($errors) { return @($errors)[0] }
        try { . $Case 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1 } catch { $_ }
    }
}

AfterAll {
    Clear-TestFault
    Remove-TestFolder $script:Work
    Stop-TestEmulator
}

Describe 'Bad input gets a clear error' {
    BeforeEach { Clear-TestFault }
    AfterEach {
        Clear-TestFault
        # Nothing stored earlier was lost.
        (Get-OPBlacklist -Id $script:Keep.Id).EntryCount | Should -Be 1
    }

    It '<Name> → <ErrorId> (<Category>)' -ForEach @(
        @{ Name = 'a malformed id'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'
            Case = { Get-OPBlacklist -Id '../blacklists' } }
        @{ Name = 'an id the API refuses (not a UUID)'; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'
            Case = { Get-OPBlacklist -Id 'ps_abc123' } }
        @{ Name = '-PageSize 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'
            Case = { Get-OPBlacklist -PageSize 0 } }
        @{ Name = '-PageSize 101'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'
            Case = { Get-OPCompany -ProspectSearchId $script:ProspectSearchId -PageSize 101 } }
        @{ Name = 'an empty CSV for an order'; ErrorId = 'NoCompanies'; Category = 'InvalidArgument'
            Case = { Set-Content "$($script:Work)/empty.csv" ''; Import-Csv "$($script:Work)/empty.csv" | New-OPOrder -ProfileId 7a000000-0000-4000-8000-00000000000a } }
        @{ Name = 'a CSV without usable columns'; ErrorId = 'CompanyNotIdentifiable'; Category = 'InvalidData'
            Case = { Set-Content "$($script:Work)/cols.csv" 'Colour,Size', 'red,XL'; Import-Csv "$($script:Work)/cols.csv" | Add-OPBlacklistEntry -BlacklistId $script:Keep.Id } }
        @{ Name = 'an HTML error page from a proxy'; ErrorId = 'HTTP_502'; Category = 'ResourceUnavailable'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 502; content_type = 'text/html'; body = '<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>' }
            Case = { Get-OPBlacklist }; Message = '*502 Bad Gateway*' }
        @{ Name = 'truncated JSON'; ErrorId = 'INVALID_RESPONSE'; Category = 'InvalidResult'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 200; body = '{"items":[{"id":"a","na' }
            Case = { Get-OPBlacklist } }
        @{ Name = 'JSON of unexpected types'; ErrorId = 'INVALID_RESPONSE'; Category = 'InvalidResult'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 200; body = '{"items":"not a list","total":"many"}' }
            Case = { Get-OPBlacklist } }
        @{ Name = 'an enormous error body'; ErrorId = 'HTTP_500'; Category = 'ResourceUnavailable'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 500; body = ('x' * 1024); repeat = 8192 }
            Case = { Get-OPBlacklist } }
        @{ Name = 'an unknown error code'; ErrorId = 'TEAPOT_OVERFLOW'; Category = 'InvalidOperation'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 418; body = '{"code":"TEAPOT_OVERFLOW","message":"The teapot is full"}' }
            Case = { Get-OPBlacklist }; Message = '*teapot is full*' }
        @{ Name = 'a nested gen-B error body'; ErrorId = 'INVALID_REQUEST'; Category = 'InvalidArgument'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 400; body = '{"error":{"code":"INVALID_REQUEST","message":"The request body is invalid"}}' }
            Case = { Get-OPBlacklist }; Message = '*request body is invalid*' }
        @{ Name = 'a gen-A error body with a string code'; ErrorId = 'UNAUTHORIZED'; Category = 'AuthenticationError'
            Fault = @{ path_prefix = '/api/v1/blacklists'; mode = 'body'; status = 401; body = '{"error":"UNAUTHORIZED","message":"Invalid API key"}' }
            Case = { Get-OPBlacklist }; Message = '*Invalid API key*' }
        @{ Name = 'an http:// base URI to another host'; ErrorId = 'InsecureBaseUri'; Category = 'SecurityError'
            Case = { Connect-OpenProspect -BaseUri 'http://api.openprospect.io' -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) } }
        @{ Name = 'a key with a line break inside'; ErrorId = 'InvalidApiKey'; Category = 'InvalidArgument'
            Case = { Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access').Insert(12, "`n")) } }
    ) {
        if ($Fault) { Set-TestFault $Fault }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-FirstError $Case
        $watch.Stop()
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        if ($Message) { $err.ToString() | Should -BeLike $Message }
        # Error text stays readable even for an enormous or HTML body.
        $err.ToString().Length | Should -BeLessThan 2000
        $err.ToString() | Should -Not -BeLike '*<html*'
    }

    It 'a key revoked in the middle of a listing stops it with UNAUTHORIZED, after what was already read' {
        $revocable = Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'read-only')) -PassThru
        $seen = 0
        $err = $null
        try {
            Get-OPCompany -ProspectSearchId $script:ProspectSearchId -PageSize 10 -Session $revocable | ForEach-Object {
                if ($seen++ -eq 0) { $null = Invoke-RestMethod -Method Post -Uri "$($script:BaseUri)/_emulator/keys/read-only/revoke" }
            }
        }
        catch { $err = $_ }
        finally {
            Connect-OpenProspect -BaseUri $script:BaseUri -ApiKey (ConvertTo-TestSecureString (Get-TestKey 'full-access')) -MaxRetryCount 1 -MaxRetryDelaySec 1 -TimeoutSec 5
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'UNAUTHORIZED,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $seen | Should -BeGreaterOrEqual 10
        $seen | Should -BeLessThan 300
        $err.ErrorDetails.Message | Should -BeLike '*stopped at offset*'
    }
}
